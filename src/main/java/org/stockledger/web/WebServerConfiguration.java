package org.stockledger.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** The embedded Tomcat answers its own errors as problem documents too ({@link ProblemReportValve}). */
@Configuration(proxyBeanMethods = false)
public class WebServerConfiguration {

    /**
     * Replaces the host's error report valve. Spring Boot adds Tomcat's own while customising the
     * context, and the host would add one at start-up if none of its configured class were
     * present; this runs after Boot's customiser, removes that valve and names ours as the host's.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReportValve(JsonMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ProblemReportValve(json));
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
        });
    }
}
