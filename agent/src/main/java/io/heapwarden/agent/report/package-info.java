/**
 * Reading Heapwarden's JFR output back: the {@code heapwarden.jfc} settings file and the {@code
 * report} command that turns a recording into a text summary or, with {@code --html}, a page with
 * charts. Used by the command line only, never on the agent's premain path.
 */
package io.heapwarden.agent.report;
