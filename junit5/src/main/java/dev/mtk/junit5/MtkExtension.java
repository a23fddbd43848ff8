package dev.mtk.junit5;

import dev.mtk.embed.MtkServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * What {@link MtkTest} registers: it starts the servers that {@link MockServer} fields and parameters declare,
 * assigns and passes them, resets the class's servers before each test, fails a passing test that left unverified
 * messages on a server that asked for it, and closes each server after its lifecycle.
 *
 * <p>A per-class server on a static field is started before {@code @BeforeAll} methods run, so they may use it; other
 * servers are started before each test, before its {@code @BeforeEach} methods. An unannotated {@link MtkServer} or a
 * {@link ServerPort} parameter means the class's only {@code @MockServer} field.
 */
public final class MtkExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(MtkExtension.class);

    /** JUnit makes it, through {@link MtkTest}. */
    public MtkExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        for (Field field : fields(context.getRequiredTestClass())) {
            if (Modifier.isStatic(field.getModifiers()) && lifecycle(field) == Lifecycle.PER_CLASS) {
                assign(field, null, serverFor(field, context));
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        StartedServers.of(context, NAMESPACE, Lifecycle.PER_CLASS).resetAll();
        for (Field field : fields(context.getRequiredTestClass())) {
            Object instance = Modifier.isStatic(field.getModifiers()) ? null
                    : context.getRequiredTestInstances().findInstance(field.getDeclaringClass()).orElse(null);
            if (instance != null || Modifier.isStatic(field.getModifiers())) {
                assign(field, instance, serverFor(field, context));
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        StartedServers.failIfUnexpected(context, List.of(StartedServers.of(context, NAMESPACE, Lifecycle.PER_CLASS),
                StartedServers.of(context, NAMESPACE, Lifecycle.PER_TEST)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.isAnnotated(MockServer.class)) {
            return true;
        }
        boolean wanted = parameter.isAnnotated(ServerPort.class) || parameter.getParameter().getType() == MtkServer.class;
        return wanted && !fields(context.getRequiredTestClass()).isEmpty();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MtkServer server;
        if (parameter.isAnnotated(MockServer.class)) {
            server = declaredBy(parameter, context);
        } else {
            List<Field> fields = fields(context.getRequiredTestClass());
            if (fields.size() > 1) {
                throw new ParameterResolutionException(where(parameter) + ": the class declares "
                        + fields.size() + " @MockServer fields (" + names(fields) + "); use the fields, or annotate"
                        + " the parameter with its own @MockServer");
            }
            server = serverFor(fields.get(0), context);
        }
        return parameter.isAnnotated(ServerPort.class) ? portOf(server, parameter) : server;
    }

    /** The server a {@code @MockServer} parameter declares: its test's own, or shared by its equals in the class. */
    private static MtkServer declaredBy(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() != MtkServer.class) {
            throw new ParameterResolutionException(where(parameter) + ": @MockServer goes on a parameter of type "
                    + "MtkServer, not " + parameter.getParameter().getType().getSimpleName());
        }
        MockServer annotation = parameter.findAnnotation(MockServer.class).orElseThrow();
        ServerDeclaration declaration = ServerDeclaration.of(annotation, "@MockServer " + where(parameter));
        if (annotation.lifecycle() == Lifecycle.PER_CLASS) {
            // Annotations are equal when their attributes are: parameters that ask for the same server share it.
            return StartedServers.of(context, NAMESPACE, Lifecycle.PER_CLASS).getOrStart(annotation, declaration);
        }
        requireTest(context, declaration);
        return StartedServers.of(context, NAMESPACE, Lifecycle.PER_TEST).getOrStart(parameter.getParameter(),
                declaration);
    }

    /** The server {@code field} declares, started now if this is the first time its lifecycle needs it. */
    private static MtkServer serverFor(Field field, ExtensionContext context) {
        ServerDeclaration declaration = ServerDeclaration.of(field.getAnnotation(MockServer.class),
                "@MockServer field " + field.getDeclaringClass().getSimpleName() + "." + field.getName());
        if (declaration.lifecycle() == Lifecycle.PER_TEST) {
            requireTest(context, declaration);
        }
        return StartedServers.of(context, NAMESPACE, declaration.lifecycle()).getOrStart(field, declaration);
    }

    private static void requireTest(ExtensionContext context, ServerDeclaration declaration) {
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException(declaration.origin() + ": a per-test server exists while a "
                    + "test runs, not in @BeforeAll or a constructor; make it PER_CLASS");
        }
    }

    static Object portOf(MtkServer server, ParameterContext parameter) {
        Class<?> type = parameter.getParameter().getType();
        if (type != int.class && type != Integer.class) {
            throw new ParameterResolutionException(where(parameter) + ": @ServerPort goes on an int parameter, not "
                    + type.getSimpleName());
        }
        return server.port();
    }

    /** The {@code @MockServer} fields of {@code type} and its superclasses, each checked. */
    private static List<Field> fields(Class<?> type) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(type, MockServer.class, field -> true,
                HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            String name = field.getDeclaringClass().getSimpleName() + "." + field.getName();
            if (field.getType() != MtkServer.class) {
                throw new ExtensionConfigurationException("@MockServer field " + name + ": it must be of type "
                        + "MtkServer, not " + field.getType().getSimpleName());
            }
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@MockServer field " + name + ": it must not be final; "
                        + "mtk assigns it");
            }
        }
        return fields;
    }

    private static Lifecycle lifecycle(Field field) {
        return field.getAnnotation(MockServer.class).lifecycle();
    }

    private static void assign(Field field, Object instance, MtkServer server) {
        try {
            field.setAccessible(true);
            field.set(instance, server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("@MockServer field " + field.getDeclaringClass().getSimpleName()
                    + "." + field.getName() + ": cannot be assigned: " + e.getMessage(), e);
        }
    }

    static String where(ParameterContext parameter) {
        java.lang.reflect.Parameter declared = parameter.getParameter();
        return "parameter " + (declared.isNamePresent() ? declared.getName() : "#" + parameter.getIndex()) + " of "
                + parameter.getDeclaringExecutable().getDeclaringClass().getSimpleName() + "."
                + parameter.getDeclaringExecutable().getName();
    }

    private static String names(List<Field> fields) {
        StringBuilder text = new StringBuilder();
        for (Field field : fields) {
            text.append(text.length() == 0 ? "" : ", ").append(field.getName());
        }
        return text.toString();
    }
}
