/**
 * The integration suites' lanes: failsafe runs each lane in a JVM of its own, the four side by side, and a lane's
 * suites one after another in the order it lists them. Lanes, rather than failsafe handing out suites as forks come
 * free, because failsafe's order is the file system's: the longest suites started last, and two forks reaching a
 * suite of the shared stack each started one. The lanes are balanced by the suites' measured times (the closing
 * notes and docs/development.md have them); {@code LanesTest} fails when a suite is in no lane or in two.
 */
package dev.druidmsk.lanes;
