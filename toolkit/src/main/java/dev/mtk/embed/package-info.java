/**
 * mtk from Java code and tests: {@link dev.mtk.embed.MtkServer} starts a server in the process (on port 0, with a
 * profile, a handler or a Groovy script, a {@link dev.mtk.journal.Journal} of what it received, a behaviour that can
 * be replaced while clients stay connected), and {@link dev.mtk.embed.MtkClient} talks to one. {@code mtk server} and
 * scripts' {@code server(...)} start their servers through it.
 */
package dev.mtk.embed;
