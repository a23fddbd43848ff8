package dev.mtk.script;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Refuses, when a script compiles, the calls that end the process: {@code System.exit(...)} (also statically
 * imported, or as a method pointer), and {@code exit(...)} or {@code halt(...)} on {@code Runtime.getRuntime()},
 * {@code Runtime.runtime} or anything declared {@code Runtime}. Each is a compile error at its line and column.
 *
 * <p>Why: a behaviour script runs inside the server; its {@code System.exit(0)} ended the server with exit 0 and not
 * a line in the log (issue 12). A script ends a session with {@code close()}, or fails with {@code throw}. This is a
 * guard against the mistake, not a sandbox: reflection still reaches {@code exit}.
 */
final class ProcessExitCheck extends CompilationCustomizer {
    private static final ClassNode SYSTEM = ClassHelper.make(System.class);
    private static final ClassNode RUNTIME = ClassHelper.make(Runtime.class);

    /** After names are resolved, so that {@code exit(0)} statically imported reads as {@code System.exit(0)}. */
    ProcessExitCheck() {
        super(CompilePhase.CANONICALIZATION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode type) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                String refused = refused(call.getObjectExpression(), call.getMethodAsString());
                if (refused != null) {
                    refuse(source, call, refused);
                }
                super.visitMethodCallExpression(call);
            }

            @Override
            public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                if (call.getOwnerType().equals(SYSTEM) && "exit".equals(call.getMethod())) {
                    refuse(source, call, "System.exit");
                }
                super.visitStaticMethodCallExpression(call);
            }

            @Override
            public void visitMethodPointerExpression(MethodPointerExpression pointer) {
                Expression name = pointer.getMethodName();
                String refused = name instanceof ConstantExpression constant
                        ? refused(pointer.getExpression(), constant.getText()) : null;
                if (refused != null) {
                    refuse(source, pointer, refused);
                }
                super.visitMethodPointerExpression(pointer);
            }
        }.visitClass(type);
    }

    /** {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt} when that is what the call is; else null. */
    private static String refused(Expression receiver, String method) {
        if ("exit".equals(method) && isClass(receiver, SYSTEM)) {
            return "System.exit";
        }
        if (("exit".equals(method) || "halt".equals(method)) && isRuntime(receiver)) {
            return "Runtime." + method;
        }
        return null;
    }

    private static boolean isClass(Expression expression, ClassNode type) {
        return expression instanceof ClassExpression && expression.getType().equals(type);
    }

    /** {@code Runtime.getRuntime()}, {@code Runtime.runtime}, or a variable or cast typed {@code Runtime}. */
    private static boolean isRuntime(Expression expression) {
        if (expression instanceof MethodCallExpression call) {
            return isClass(call.getObjectExpression(), RUNTIME) && "getRuntime".equals(call.getMethodAsString());
        }
        if (expression instanceof StaticMethodCallExpression call) {
            return call.getOwnerType().equals(RUNTIME) && "getRuntime".equals(call.getMethod());
        }
        if (expression instanceof PropertyExpression property) {
            return isClass(property.getObjectExpression(), RUNTIME) && "runtime".equals(property.getPropertyAsString());
        }
        if (expression instanceof VariableExpression variable) {
            return variable.getOriginType().equals(RUNTIME) || variable.getAccessedVariable() != null
                    && variable.getAccessedVariable().getOriginType().equals(RUNTIME);
        }
        if (expression instanceof CastExpression cast) {
            return cast.getType().equals(RUNTIME);
        }
        return false;
    }

    private static void refuse(SourceUnit source, ASTNode node, String call) {
        source.addError(new SyntaxException(call + " is not allowed in a script: it would end the whole process; "
                + "close() ends a session, throw fails a callback", node));
    }
}
