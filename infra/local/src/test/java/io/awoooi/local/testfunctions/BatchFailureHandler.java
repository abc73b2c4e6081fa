package io.awoooi.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A test SQS consumer: reports every record whose body contains "fail" as a batch item failure. */
public class BatchFailureHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        List<Map<String, Object>> records = (List<Map<String, Object>>) event.get("Records");
        List<Map<String, String>> failures = new ArrayList<>();
        for (Map<String, Object> record : records) {
            if (String.valueOf(record.get("body")).contains("fail")) {
                failures.add(Map.of("itemIdentifier", String.valueOf(record.get("messageId"))));
            }
        }
        System.out.println("batch: " + records.size() + " records, " + failures.size() + " failed");
        return Map.of("batchItemFailures", failures);
    }
}
