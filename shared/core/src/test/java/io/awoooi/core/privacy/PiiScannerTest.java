package io.awoooi.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Focused tests per recognizer. The corpus test measures precision and recall on realistic text. */
class PiiScannerTest {
    private static final PiiScanner SCANNER = new PiiScanner();

    /** The findings as "TYPE:value", in order. */
    private static List<String> found(String text) {
        return SCANNER.scan(text).stream().map(f -> f.type() + ":" + f.valueIn(text)).toList();
    }

    @Nested
    class Api {
        @Test
        void scan_emptyText_noFindings() {
            // GIVEN an empty text  WHEN scanned  THEN nothing is found
            assertThat(SCANNER.scan("")).isEmpty();
        }

        @Test
        void scan_null_rejected() {
            assertThatThrownBy(() -> SCANNER.scan(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void scan_stringBuilder_sameAsString() {
            // GIVEN a CharSequence that is not a String
            StringBuilder text = new StringBuilder("from 10.0.0.1 to alice@example.com");
            // WHEN scanned
            List<Finding> findings = SCANNER.scan(text);
            // THEN spans refer to that text
            assertThat(findings).extracting(f -> f.valueIn(text)).containsExactly("10.0.0.1", "alice@example.com");
        }

        @Test
        void labelPrefix_isTheConstantName() {
            assertThat(PiiType.IP.labelPrefix()).isEqualTo("IP");
            assertThat(PiiType.GOOGLE_API_KEY.labelPrefix()).isEqualTo("GOOGLE_API_KEY");
        }

        @Test
        void finding_emptySpan_rejected() {
            assertThatThrownBy(() -> new Finding(PiiType.IP, 3, 3)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void scan_kubernetesNames_neverReported() {
            // GIVEN typical pod/namespace/node names  WHEN scanned  THEN the text scanner leaves them alone
            assertThat(found("pod order-api-7d9f8c6b5-x2kqp ns shop node ip-10-0-1-2.ec2.internal")).isEmpty();
        }
    }

    @Nested
    class Ipv4 {
        @Test
        void ipv4_withPort_foundWithoutPort() {
            // GIVEN an address with a port  WHEN scanned  THEN the finding stops before the colon
            assertThat(found("db 10.0.0.1:5432 up")).containsExactly("IP:10.0.0.1");
        }

        @Test
        void ipv4_versionNumbers_notFound() {
            // GIVEN version-like dotted numbers  WHEN scanned  THEN none is an IP
            assertThat(found("1.2.3.4.5 v1.2.3.4 10.0.0.256 1.2.3 010.0.0.1")).isEmpty();
        }

        @Test
        void ipv4_bareDottedQuadAndSentenceEnd_found() {
            assertThat(found("ping 1.2.3.4 then 172.16.5.4.")).containsExactly("IP:1.2.3.4", "IP:172.16.5.4");
        }

        @Test
        void ipv4_afterJsonEscapes_found() {
            // GIVEN addresses right after \n, \" and \u003c escapes
            String text = "\"a\\n10.0.0.1\\t10.0.0.2\\\"10.0.0.3\\u003c10.0.0.4\"";
            // WHEN scanned  THEN the escape letter is not glued to the address
            assertThat(found(text)).containsExactly("IP:10.0.0.1", "IP:10.0.0.2", "IP:10.0.0.3", "IP:10.0.0.4");
        }

        @Test
        void ipv4_urlEncodedNeighbours_found() {
            assertThat(found("u=http%3A%2F%2F10.4.0.3%3A80")).containsExactly("IP:10.4.0.3");
        }

        @Test
        void ipv4_cidrAndRange_addressesFound() {
            assertThat(found("10.0.0.0/8 192.168.1.1-192.168.1.9"))
                    .containsExactly("IP:10.0.0.0", "IP:192.168.1.1", "IP:192.168.1.9");
        }
    }

    @Nested
    class Ipv6 {
        @Test
        void ipv6_compressedZoneMappedLoopback_found() {
            assertThat(found("fe80::1%eth0 ::ffff:10.0.0.1 ::1 2001:db8::8a2e:370:7334"))
                    .containsExactly("IP:fe80::1%eth0", "IP:::ffff:10.0.0.1", "IP:::1", "IP:2001:db8::8a2e:370:7334");
        }

        @Test
        void ipv6_inBracketsWithPort_foundWithoutBracketsOrPort() {
            assertThat(found("http://[2001:db8::1]:8080/")).containsExactly("IP:2001:db8::1");
        }

        @Test
        void ipv6_fullForm_found() {
            assertThat(found("addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334"))
                    .containsExactly("IP:2001:0db8:85a3:0000:0000:8a2e:0370:7334");
        }

        @Test
        void ipv6_timesNamespacesAndLetterOnlyGroups_notFound() {
            // GIVEN times, C++/Ruby scopes, and colon hex that has no digit or too few groups
            assertThat(found("03:00:00 12:30 std::vector Foo::Bar dead::beef a:b:c:d 1::2::3 :::")).isEmpty();
        }

        @Test
        void ipv6_suffixOfLongerChain_notFound() {
            // GIVEN nine colon groups  WHEN scanned  THEN no eight-group suffix is picked out
            assertThat(found("1:2:3:4:5:6:7:8:9")).isEmpty();
        }

        @Test
        void ipv6_eightTwoDigitGroups_isWwnNotIp() {
            assertThat(found("wwn 50:06:01:60:3b:20:19:e8")).isEmpty();
        }
    }

    @Nested
    class Email {
        @Test
        void email_plainTaggedAndAngle_found() {
            assertThat(found("to alice@example.com, <bob.s+ops@corp.example.co.uk>."))
                    .containsExactly("EMAIL:alice@example.com", "EMAIL:bob.s+ops@corp.example.co.uk");
        }

        @Test
        void email_localhostAndSingleLabelHosts_notFound() {
            // Decision: without a dot and an alphabetic TLD it is a user at a host, not a mail address.
            assertThat(found("user@localhost root@db01")).isEmpty();
        }

        @Test
        void email_ipDomain_onlyTheIpFound() {
            assertThat(found("admin@10.0.0.9")).containsExactly("IP:10.0.0.9");
        }

        @Test
        void email_gitScpAndUrlUser_notFound() {
            assertThat(found("git@github.com:acme/x.git ssh://git@gitlab.example.com/x")).isEmpty();
        }

        @Test
        void email_percentEncodedAt_found() {
            assertThat(found("?to=carol%40example.org&x=1")).containsExactly("EMAIL:carol%40example.org");
        }

        @Test
        void email_afterEscapedNewline_localPartWithoutTheN() {
            assertThat(found("\"hi\\nerin@example.com\"")).containsExactly("EMAIL:erin@example.com");
        }

        @Test
        void email_javaObjectIds_notFound() {
            assertThat(found("com.acme.Order@1b6d3586 pkg@1.2.3 image@sha256:abc")).isEmpty();
        }
    }

    @Nested
    class Uuid {
        @Test
        void uuid_lowerUpperAndInPvcName_found() {
            assertThat(found("550e8400-e29b-41d4-a716-446655440000 pvc-550E8400-E29B-41D4-A716-446655440000"))
                    .containsExactly("UUID:550e8400-e29b-41d4-a716-446655440000",
                            "UUID:550E8400-E29B-41D4-A716-446655440000");
        }

        @Test
        void uuid_wrongGroupsNonHexAndPlainHex_notFound() {
            assertThat(found("550e8400-e29b-41d4-a716-44665544000 550e840-e29b-41d4-a716-446655440000 "
                    + "550g8400-e29b-41d4-a716-446655440000 82479ed8e20da056 3f786850e387550fdab836ed7e6dc881de23001b"))
                    .isEmpty();
        }
    }

    @Nested
    class Jwt {
        private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.5mhBHqs5_DTLdINd9p5m7ZJ6XD0Xc55kIaCRY5r6HRA";

        @Test
        void jwt_threeSegments_found() {
            assertThat(found("session=" + JWT + "; Path=/")).containsExactly("JWT:" + JWT);
        }

        @Test
        void jwt_unsecured_foundWithTrailingDot() {
            assertThat(found("t eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0. x"))
                    .containsExactly("JWT:eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.");
        }

        @Test
        void jwt_headerOnlyOrTwoParts_notFound() {
            assertThat(found("eyJhbGciOiJIUzI1NiJ9 eyJhIjoxfQ.second")).isEmpty();
        }

        @Test
        void jwt_asBearerToken_reportedAsJwt() {
            // GIVEN a JWT after "Bearer"  WHEN scanned  THEN the more specific JWT wins over BEARER
            assertThat(found("Authorization: Bearer " + JWT)).containsExactly("JWT:" + JWT);
        }
    }

    @Nested
    class Mac {
        @Test
        void mac_colonAndDash_found() {
            assertThat(found("00:1A:2B:3C:4D:5E a4-5e-60-c2-11-09"))
                    .containsExactly("MAC:00:1A:2B:3C:4D:5E", "MAC:a4-5e-60-c2-11-09");
        }

        @Test
        void mac_fiveOrEightGroups_notFound() {
            assertThat(found("aa:bb:cc:dd:ee 00:11:22:33:44:55:66:77 12:34:56")).isEmpty();
        }
    }

    @Nested
    class Card {
        @Test
        void card_plainSpacedDashedAmex_found() {
            assertThat(found("4111111111111111 5555 5555 5555 4444, 3782-822463-10005"))
                    .containsExactly("CARD:4111111111111111", "CARD:5555 5555 5555 4444", "CARD:3782-822463-10005");
        }

        @Test
        void card_luhnFailure_notFound() {
            assertThat(found("4111111111111112 5555-5555-5555-4445")).isEmpty();
        }

        @Test
        void card_tailOfLongerGroupChain_notFound() {
            // GIVEN a 20-digit grouped number whose last 16 digits would pass Luhn
            assertThat(found("1234 4111 1111 1111 1111")).isEmpty();
        }

        @Test
        void card_epochMillisAndTooLong_notFound() {
            assertThat(found("1732503600000 41111111111111111111 4111 1111 1111 1111 1111")).isEmpty();
        }
    }

    @Nested
    class Phone {
        @Test
        void phone_e164Forms_found() {
            assertThat(found("+14155552671, +49 30 1234567, +33 6 12 34 56 78, +1-415-555-2671"))
                    .containsExactly("PHONE:+14155552671", "PHONE:+49 30 1234567", "PHONE:+33 6 12 34 56 78",
                            "PHONE:+1-415-555-2671");
        }

        @Test
        void phone_offsetsShortAndScientific_notFound() {
            assertThat(found("+02:00 +1234567 1e+10 +0049301234567 +1234567890123456")).isEmpty();
        }

        @Test
        void phone_followedByLoneDigit_endsBeforeIt() {
            assertThat(found("sms +49 151 12345678 5 retries")).containsExactly("PHONE:+49 151 12345678");
        }
    }

    @Nested
    class Credentials {
        @Test
        void credentials_urlUserinfo_userAndPasswordOnly() {
            assertThat(found("postgres://app:s3cr3t@10.0.0.5:5432/db"))
                    .containsExactly("CREDENTIALS:app:s3cr3t", "IP:10.0.0.5");
        }

        @Test
        void credentials_atInPasswordAndEmptyUser_found() {
            assertThat(found("amqp://guest:p@ss@mq redis://:pw1@cache"))
                    .containsExactly("CREDENTIALS:guest:p@ss", "CREDENTIALS::pw1");
        }

        @Test
        void credentials_jsonEscapedSlashes_found() {
            assertThat(found("\"https:\\/\\/bot:tok3n@hooks.example.com\\/x\""))
                    .containsExactly("CREDENTIALS:bot:tok3n");
        }

        @Test
        void credentials_userWithoutPassword_notFound() {
            assertThat(found("https://alice@example.com/repo ftp://anonymous@ftp.example.org")).isEmpty();
        }

        @Test
        void credentials_curlUserFlag_foundOnlyInCurl() {
            assertThat(found("curl -u admin:pw1 https://x")).containsExactly("CREDENTIALS:admin:pw1");
            assertThat(found("docker run -u 1000:1000 app")).isEmpty();
        }
    }

    @Nested
    class Bearer {
        @Test
        void bearer_opaqueTokenCaseInsensitive_found() {
            assertThat(found("authorization: bearer AbC123dEf456")).containsExactly("BEARER:AbC123dEf456");
        }

        @Test
        void bearer_proseAndPlaceholders_notFound() {
            assertThat(found("Bearer token missing; Bearer <redacted>; Bearer ${TOKEN}; bearer realm=\"api\""))
                    .isEmpty();
        }
    }

    @Nested
    class KeysAndTokens {
        @Test
        void awsKey_akiaAndAsia_found() {
            assertThat(found("AKIAIOSFODNN7EXAMPLE ASIAY34FZKBOKMUTVV7A"))
                    .containsExactly("AWS_KEY:AKIAIOSFODNN7EXAMPLE", "AWS_KEY:ASIAY34FZKBOKMUTVV7A");
        }

        @Test
        void awsKey_wrongLengthOrGlued_notFound() {
            assertThat(found("AKIAIOSFODNN7EXAMPL AKIAIOSFODNN7EXAMPLE1 xAKIAIOSFODNN7EXAMPLE")).isEmpty();
        }

        @Test
        void awsSecret_nearKeyword_found() {
            String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
            assertThat(found("aws_secret_access_key = " + secret)).containsExactly("AWS_SECRET:" + secret);
            assertThat(found("{\"SecretAccessKey\": \"" + secret + "\"}")).containsExactly("AWS_SECRET:" + secret);
        }

        @Test
        void awsSecret_withoutKeywordOrHexOnly_notFound() {
            assertThat(found("blob wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).isEmpty();
            assertThat(found("aws_secret rotated in 3f786850e387550fdab836ed7e6dc881de23001b")).isEmpty();
        }

        @Test
        void github_classicAndFineGrained_found() {
            String classic = "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";
            String pat = "github_pat_11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyz";
            assertThat(found(classic + " " + pat)).containsExactly("GITHUB_TOKEN:" + classic, "GITHUB_TOKEN:" + pat);
            assertThat(found("ghp_short ghx_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx")).isEmpty();
        }

        @Test
        void slack_stripe_google_found() {
            String slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKl";
            String stripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
            String google = "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe";
            assertThat(found(slack + " " + stripe + " key=" + google))
                    .containsExactly("SLACK_TOKEN:" + slack, "STRIPE_KEY:" + stripe, "GOOGLE_API_KEY:" + google);
        }

        @Test
        void prefixes_tooShort_notFound() {
            assertThat(found("xoxb-123 sk_live_abc AIzaShort github_pat_short")).isEmpty();
        }
    }

    @Nested
    class PrivateKey {
        private static final String BODY = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun";

        @Test
        void pem_plainBlock_wholeBlockFound() {
            String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + BODY + "\n-----END RSA PRIVATE KEY-----";
            assertThat(found("key:\n" + pem + "\nend")).containsExactly("PRIVATE_KEY:" + pem);
        }

        @Test
        void pem_jsonEscapedInSecretField_reportedAsPrivateKey() {
            // GIVEN a service-account JSON with the key's newlines escaped and a trailing \n
            String pem = "-----BEGIN PRIVATE KEY-----\\n" + BODY + "\\n-----END PRIVATE KEY-----";
            // WHEN scanned  THEN the block wins over the SECRET value that holds it
            assertThat(found("{\"private_key\":\"" + pem + "\\n\"}")).containsExactly("PRIVATE_KEY:" + pem);
        }

        @Test
        void pem_certificateAndPublicKey_notFound() {
            assertThat(found("-----BEGIN CERTIFICATE-----\n" + BODY + "\n-----END CERTIFICATE-----")).isEmpty();
            assertThat(found("-----BEGIN PUBLIC KEY-----\n" + BODY + "\n-----END PUBLIC KEY-----")).isEmpty();
        }

        @Test
        void pem_truncated_foundUpToTheCut() {
            assertThat(found("\"-----BEGIN EC PRIVATE KEY-----\\n" + BODY + "\" (cut)"))
                    .containsExactly("PRIVATE_KEY:-----BEGIN EC PRIVATE KEY-----\\n" + BODY);
        }
    }

    @Nested
    class Secret {
        @Test
        void secret_keyValueForms_valueOnly() {
            assertThat(found("password=hunter2 DB_PASSWORD=\"c0rrect horse\" api-key: k3y-value"))
                    .containsExactly("SECRET:hunter2", "SECRET:c0rrect horse", "SECRET:k3y-value");
        }

        @Test
        void secret_jsonAndEscapedJson_found() {
            assertThat(found("{\"clientSecret\":\"9f8e7d\"}")).containsExactly("SECRET:9f8e7d");
            assertThat(found("{\\\"apikey\\\":\\\"abc123\\\"}")).containsExactly("SECRET:abc123");
        }

        @Test
        void secret_queryString_endsAtAmpersand() {
            assertThat(found("/cb?token=t0k&user=bob")).containsExactly("SECRET:t0k");
        }

        @Test
        void secret_proseAndLiterals_notFound() {
            assertThat(found("invalid token: expired. password: incorrect")).isEmpty();
            assertThat(found("{\"password\":null,\"token\":\"\",\"api_key\":\"****\",\"secrets\":{}}")).isEmpty();
            assertThat(found("password=${DB_PASSWORD} secret_key = (sensitive value) if (password == x)")).isEmpty();
        }

        @Test
        void secret_yamlFieldWithPlainWord_found() {
            assertThat(found("db:\n  password: letmein\n  user: app")).containsExactly("SECRET:letmein");
        }

        @Test
        void secret_valueWithTypedFormat_specificTypeWins() {
            assertThat(found("token=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"))
                    .containsExactly("GITHUB_TOKEN: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");
        }

        @Test
        void secret_valueThatIsAnIp_secretWins() {
            assertThat(found("password=10.0.0.1")).containsExactly("SECRET:10.0.0.1");
        }
    }

    /** Issue #10, point 5: each value the scanner missed next to a separator of real labels and logs. */
    @Nested
    class GluedToSeparators {
        @Test
        void email_followedByPort_found() {
            assertThat(found("owner alice@example.com:9100")).containsExactly("EMAIL:alice@example.com");
        }

        @Test
        void email_followedByUnderscoreWord_found() {
            assertThat(found("alice@example.com_x")).containsExactly("EMAIL:alice@example.com");
        }

        @Test
        void email_followedByDashWord_endsAtTheTld() {
            // Decision: a '-' right after a common (or two-letter) TLD ends the address; a domain label
            // before the TLD keeps its dashes
            assertThat(found("alice@example.com-x bob@my-corp.example.co.uk-primary"))
                    .containsExactly("EMAIL:alice@example.com", "EMAIL:bob@my-corp.example.co.uk");
        }

        @Test
        void email_hostNameWithDashOrScpOrStackFrame_notFound() {
            assertThat(
                    found("root@db.prod-01 git@github.com:acme/x.git deploy@web.example.com:/srv render@app.js:10:15"))
                    .isEmpty();
        }

        @Test
        void mac_followedByPort_found() {
            assertThat(found("aa:bb:cc:dd:ee:ff:9100")).containsExactly("MAC:aa:bb:cc:dd:ee:ff");
        }

        @Test
        void mac_followedByUnderscoreWord_found() {
            assertThat(found("aa:bb:cc:dd:ee:ff_x a4-5e-60-c2-11-09_x"))
                    .containsExactly("MAC:aa:bb:cc:dd:ee:ff", "MAC:a4-5e-60-c2-11-09");
        }

        @Test
        void mac_ciscoDottedForm_found() {
            assertThat(found("learned 0011.2233.4455 and 001a.2b3c.4d5e. dead.beef.cafe is a word"))
                    .containsExactly("MAC:0011.2233.4455", "MAC:001a.2b3c.4d5e");
        }

        @Test
        void ipv6_followedBySentenceDot_found() {
            assertThat(found("refused by 2001:db8::1. Retrying fe80::1%eth0."))
                    .containsExactly("IP:2001:db8::1", "IP:fe80::1%eth0");
        }

        @Test
        void ipv6_followedByUnderscoreWord_found() {
            assertThat(found("fe80::1_x")).containsExactly("IP:fe80::1");
        }

        @Test
        void ipv6_prefixedByUserUnderscore_found() {
            assertThat(found("user_fe80::1 k_2001:db8::7")).containsExactly("IP:fe80::1", "IP:2001:db8::7");
        }

        @Test
        void ipv6_afterKeyColon_found() {
            assertThat(found("listen_addr:::1")).containsExactly("IP:::1");
        }

        @Test
        void ipv6_unbracketedPort_addressWithoutPort() {
            assertThat(found("2001:db8:85a3:0:0:8a2e:370:7334:9100 2001:db8:4c2:33e4::ff08:75d9:35bc:9100"))
                    .containsExactly("IP:2001:db8:85a3:0:0:8a2e:370:7334", "IP:2001:db8:4c2:33e4::ff08:75d9:35bc");
        }

        @Test
        void ipv6_urlEscapeAfter_notAZone() {
            assertThat(found("fe80::1%2Fmetrics fe80::2%25eth0")).containsExactly("IP:fe80::1", "IP:fe80::2%25eth0");
        }

        @Test
        void ipv4_followedByUnderscoreWord_found() {
            assertThat(found("k_10.0.12.7_x")).containsExactly("IP:10.0.12.7");
        }

        @Test
        void tokensAndNumbers_followedByUnderscoreWord_found() {
            assertThat(found(
                    "AKIAIOSFODNN7EXAMPLE_old sk_live_4eC39HqLyjWDarjtT1zdp7dc_x 4111111111111111_x +14155552671_m"))
                    .containsExactly("AWS_KEY:AKIAIOSFODNN7EXAMPLE", "STRIPE_KEY:sk_live_4eC39HqLyjWDarjtT1zdp7dc",
                            "CARD:4111111111111111", "PHONE:+14155552671");
        }

        @Test
        void secret_valueThatIsALabel_isAPlaceholder() {
            // GIVEN text the shield already pseudonymized  WHEN scanned again  THEN the label is not a secret
            assertThat(found("{\"password\":\"[SECRET_1]\",\"api_token\":\"[GITHUB_TOKEN_2]\"}")).isEmpty();
        }
    }

    @Nested
    class Overlaps {
        @Test
        void credentialsHost_notAlsoAnEmail() {
            // GIVEN user:pass@host.tld, whose "pass@host.tld" looks like an email
            // WHEN scanned  THEN only the credentials are reported
            assertThat(found("https://admin:pw@grafana.example.com/")).containsExactly("CREDENTIALS:admin:pw");
        }

        @Test
        void findings_sortedAndDisjoint() {
            String text = "a@example.com 10.0.0.1 password=10.0.0.2 Bearer abc123def456 +14155552671";
            List<Finding> findings = SCANNER.scan(text);
            for (int k = 1; k < findings.size(); k++) {
                assertThat(findings.get(k).start()).isGreaterThanOrEqualTo(findings.get(k - 1).end());
            }
            assertThat(findings).hasSize(5);
        }
    }
}
