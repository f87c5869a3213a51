package org.stockledger.web;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.stockledger.access.Caller;

/** The OpenAPI document (/openapi.json) and interactive page (/docs), generated from the controllers. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // The authenticated caller is resolved from the bearer token (AccessInterceptor), not sent
        // by the client: left in, springdoc listed it as a query parameter of every GET and took it
        // for the request body of every operation whose body is bound by hand.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI stockledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Stockledger").version("v1")
                        .description("Inventory and orders over an append-only stock ledger. Authenticate with "
                                + "Authorization: Bearer <token>. Errors are RFC 9457 problem documents with a stable `code`. "
                                + "Send Idempotency-Key on mutating requests to make retries safe."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Schemas in snake_case, as the API speaks. */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
    }
}
