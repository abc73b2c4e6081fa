package io.awoooi.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    private static Outbox.Message message(String incidentId, int n) {
        return new Outbox.Message("outbox", "alice", "subject " + n, "text " + n,
                List.of(new Outbox.Link("Approve", "http://127.0.0.1:8000/approve?t=" + n)), "approval_requested",
                incidentId, AT);
    }

    @Test
    void add_severalMessages_keptInArrivalOrder() {
        // GIVEN an outbox / WHEN three messages arrive / THEN they come back oldest first
        Outbox outbox = new Outbox();
        outbox.add(message("inc_a", 1));
        outbox.add(message("inc_b", 2));
        outbox.add(message("inc_a", 3));
        assertThat(outbox.messages()).extracting(Outbox.Message::subject).containsExactly("subject 1", "subject 2",
                "subject 3");
        assertThat(outbox.forIncident("inc_a")).extracting(Outbox.Message::subject).containsExactly("subject 1",
                "subject 3");
    }

    @Test
    void add_beyondCapacity_oldestDropped() {
        // GIVEN an outbox of 3 / WHEN 5 arrive / THEN the newest 3 remain, in order
        Outbox outbox = new Outbox(3);
        IntStream.rangeClosed(1, 5).forEach(i -> outbox.add(message("inc_a", i)));
        assertThat(outbox.size()).isEqualTo(3);
        assertThat(outbox.messages()).extracting(Outbox.Message::subject).containsExactly("subject 3", "subject 4",
                "subject 5");
    }

    @Test
    void add_defaultOutbox_boundedAtOneThousand() {
        // GIVEN the default outbox / WHEN 1200 arrive / THEN 1000 are kept, the last one last
        Outbox outbox = new Outbox();
        IntStream.rangeClosed(1, 1200).forEach(i -> outbox.add(message("inc_a", i)));
        assertThat(outbox.size()).isEqualTo(Outbox.DEFAULT_CAPACITY).isEqualTo(1000);
        assertThat(outbox.messages().get(0).subject()).isEqualTo("subject 201");
        assertThat(outbox.messages().get(999).subject()).isEqualTo("subject 1200");
    }

    @Test
    void add_manyThreadsAtOnce_nothingLost() throws Exception {
        // GIVEN 8 threads adding 500 messages each at the same time
        Outbox outbox = new Outbox(10_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            String incident = "inc_" + t;
            pool.submit(() -> {
                go.await();
                IntStream.range(0, 500).forEach(i -> outbox.add(message(incident, i)));
                return null;
            });
        }
        // WHEN
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        // THEN every message is there, and each thread's in its own order
        assertThat(outbox.size()).isEqualTo(4000);
        for (int t = 0; t < 8; t++) {
            assertThat(outbox.forIncident("inc_" + t)).extracting(Outbox.Message::subject)
                    .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> "subject " + i).toList());
        }
    }

    @Test
    void fromJson_outboxChannelDocument_allFields() {
        // GIVEN what the outbox channel posts
        JsonNode json = Json.parse("""
                {"channel":"outbox","kind":"approval_requested","incidentId":"inc_1","recipient":"alice",
                 "subject":"s [IP_1]","text":"t [EMAIL_1]","links":[{"label":"Approve","url":"http://x/a"}]}""");
        // WHEN
        Outbox.Message m = Outbox.Message.fromJson(json, AT);
        // THEN
        assertThat(m).isEqualTo(new Outbox.Message("outbox", "alice", "s [IP_1]", "t [EMAIL_1]",
                List.of(new Outbox.Link("Approve", "http://x/a")), "approval_requested", "inc_1", AT));
    }

    @Test
    void fromJson_noChannelNoLinks_defaults() {
        // GIVEN the minimum / WHEN / THEN channel "outbox" and no links
        Outbox.Message m = Outbox.Message.fromJson(Json.parse(
                "{\"kind\":\"k\",\"incidentId\":\"i\",\"recipient\":\"r\",\"subject\":\"s\",\"text\":\"t\"}"), AT);
        assertThat(m.channel()).isEqualTo("outbox");
        assertThat(m.links()).isEmpty();
    }

    @Test
    void fromJson_missingOrMistypedField_namesTheField() {
        // GIVEN documents with one thing wrong / WHEN / THEN the error names the field, never a value
        assertThatThrownBy(() -> Outbox.Message.fromJson(Json.parse(
                "{\"kind\":\"k\",\"incidentId\":\"i\",\"subject\":\"s\",\"text\":\"t\"}"), AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("recipient must be a string");
        assertThatThrownBy(() -> Outbox.Message.fromJson(Json.parse(
                "{\"kind\":\"k\",\"incidentId\":\"i\",\"recipient\":\"r\",\"subject\":\"s\",\"text\":\"t\",\"links\":[{\"label\":\"x\"}]}"),
                AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("links[].url must be a string");
        assertThatThrownBy(() -> Outbox.Message.fromJson(Json.parse("[1]"), AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a notification is a JSON object");
    }

    @Test
    void toJson_message_documentedShape() {
        // GIVEN a captured message / WHEN rendered / THEN the GET /local/outbox element
        JsonNode json = message("inc_1", 1).toJson();
        assertThat(json.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("channel", "recipient", "subject", "text", "links", "kind", "incidentId", "at");
        assertThat(json.at("/links/0/label").asText()).isEqualTo("Approve");
        assertThat(json.at("/at").asText()).isEqualTo("2025-01-02T03:04:05Z");
    }
}
