package io.awoooi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.awoooi.core.topology.ServiceId;
import org.junit.jupiter.api.Test;

/** Service DNS names found in configuration text as whole host tokens only. */
class HostReferencesTest {
    @Test
    void hosts_urlsHostPortsAndDottedNames_areHostTokens() {
        assertThat(HostReferences.hosts("DATABASE_URL", "postgres://app@orders-db:5432/orders"))
                .containsExactly("orders-db");
        assertThat(HostReferences.hosts("JDBC",
                "jdbc:postgresql://orders-db.shop.svc.cluster.local:5432/x?currentSchema=orders"))
                .containsExactly("orders-db.shop.svc.cluster.local");
        assertThat(HostReferences.hosts("MONGO", "mongodb://u:p@mongo-0.mongo:27017,mongo-1.mongo:27017/app"))
                .containsExactly("mongo-0.mongo", "mongo-1.mongo");
        assertThat(HostReferences.hosts("ANYTHING", "orders-db:5432")).containsExactly("orders-db");
        assertThat(HostReferences.hosts("BOOTSTRAP", "kafka-0.kafka:9092,kafka-1.kafka:9092"))
                .containsExactly("kafka-0.kafka", "kafka-1.kafka");
        assertThat(HostReferences.hosts("X", "Orders-DB.shop")).containsExactly("orders-db.shop");
    }

    @Test
    void hosts_bareNames_countOnlyUnderAnAddressKey() {
        assertThat(HostReferences.hosts("DATABASE_HOST", "orders-db")).containsExactly("orders-db");
        assertThat(HostReferences.hosts("redis.addr", " redis ")).containsExactly("redis");
        assertThat(HostReferences.hosts("DB_NAME", "orders")).isEmpty();
        assertThat(HostReferences.hosts("GREETING", "hello orders team")).isEmpty();
        assertThat(HostReferences.hosts(null, "orders")).isEmpty();
        // a connection string's own keys hint: host= yes, dbname= no
        assertThat(HostReferences.hosts("DSN_PARTS", "host=orders-db port=5432 dbname=orders"))
                .containsExactly("orders-db");
        assertThat(HostReferences.hosts("CONN", "Server=orders-db;Database=orders;User Id=app"))
                .containsExactly("orders-db");
    }

    @Test
    void hosts_notSubstringsOfOtherWords() {
        // "orders-db" inside longer names, paths and query values is no host token
        assertThat(HostReferences.hosts("URL", "http://orders-dbx:80/orders-db?x=orders-db"))
                .containsExactly("orders-dbx");
        assertThat(HostReferences.hosts("PATH", "/var/lib/orders-db/data")).isEmpty();
        assertThat(HostReferences.hosts("LABEL", "my-orders-db-backup")).isEmpty();
    }

    @Test
    void hosts_fileLines_readTheirOwnKeys() {
        String yaml = """
                spring:
                  datasource:
                    url: jdbc:postgresql://orders-db:5432/orders
                cache:
                  host: redis
                  name: sessions
                brokers:
                  - kafka.shop.svc:9092
                """;
        assertThat(HostReferences.hosts(null, yaml)).containsExactlyInAnyOrder("orders-db", "redis", "kafka.shop.svc");
    }

    @Test
    void service_resolvesShortCrossNamespaceAndFullNames() {
        assertThat(HostReferences.service("orders-db", "shop")).contains(new ServiceId("shop", "orders-db"));
        assertThat(HostReferences.service("orders-db.shop", "other")).contains(new ServiceId("shop", "orders-db"));
        assertThat(HostReferences.service("orders-db.shop.svc", "other")).contains(new ServiceId("shop", "orders-db"));
        assertThat(HostReferences.service("orders-db.shop.svc.cluster.local", "x"))
                .contains(new ServiceId("shop", "orders-db"));
        assertThat(HostReferences.service("kafka-0.kafka.data.svc.cluster.local", "x"))
                .contains(new ServiceId("data", "kafka"));
        assertThat(HostReferences.service("api.stripe.com", "shop")).isEmpty();
        assertThat(HostReferences.service("a..b", "shop")).isEmpty();
    }
}
