/**
 * Scenario load ({@code mtk bench --scenario FILE.groovy}): virtual users that run a scenario script over and over,
 * in a closed model ({@code --users}) or an open one ({@code --arrival-rate}), each step timed on its own. Sessions
 * and codecs know nothing of it: a user is a thread that runs {@link dev.mtk.script.Scenario#iterate}.
 */
package dev.mtk.bench.scenario;
