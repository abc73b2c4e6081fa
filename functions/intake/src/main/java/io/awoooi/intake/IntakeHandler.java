package io.awoooi.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

public class IntakeHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent e, Context c) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("b64=" + e.getIsBase64Encoded() + " body=" + e.getBody() + " path=" + e.getRawPath()).build();
    }
}
