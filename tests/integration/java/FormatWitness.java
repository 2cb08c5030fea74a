// Reads files the roles render the way the JVM does, and prints what it read, base64 per value,
// so the tests compare exact bytes:
//   props FILE KEY...        java.util.Properties.load, as Kafka reads server.properties
//   jaas FILE SECTION        the JDK's JAAS ConfigFile: every option of the section, as KEY=B64
//   principal RULES DN       X500Principal(DN).getName() as the broker sees a client DN, mapped by
//                            Kafka's own SslPrincipalMapper (kafka-clients on the classpath)
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.x500.X500Principal;

public class FormatWitness {
    static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "props": {
                Properties props = new Properties();
                try (InputStream in = new FileInputStream(args[1])) {
                    props.load(in);
                }
                for (int i = 2; i < args.length; i++) {
                    String value = props.getProperty(args[i]);
                    System.out.println(args[i] + "=" + (value == null ? "MISSING" : b64(value)));
                }
                break;
            }
            case "jaas": {
                Configuration config = Configuration.getInstance("JavaLoginConfig",
                        new URIParameterHolder(new java.io.File(args[1]).toURI()).parameter());
                AppConfigurationEntry[] entries = config.getAppConfigurationEntry(args[2]);
                for (AppConfigurationEntry entry : entries) {
                    for (Map.Entry<String, ?> option : entry.getOptions().entrySet()) {
                        System.out.println(option.getKey() + "=" + b64(String.valueOf(option.getValue())));
                    }
                }
                break;
            }
            case "principal": {
                String name = new X500Principal(args[2]).getName();
                Class<?> mapper = Class.forName("org.apache.kafka.common.security.ssl.SslPrincipalMapper");
                Object rules = mapper.getMethod("fromRules", String.class).invoke(null, args[1]);
                String mapped = (String) mapper.getMethod("getName", String.class).invoke(rules, name);
                System.out.println("dn=" + b64(name));
                System.out.println("principal=" + b64(mapped));
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    static final class URIParameterHolder {
        private final URI uri;
        URIParameterHolder(URI uri) { this.uri = uri; }
        java.security.URIParameter parameter() { return new java.security.URIParameter(uri); }
    }
}
