/**
 * mtk servers in JUnit 5 tests. Annotate the class {@link dev.mtk.junit5.MtkTest} and a field or parameter
 * {@link dev.mtk.junit5.MockServer}, or register a {@link dev.mtk.junit5.MtkServerExtension}; either way the server
 * listens on 127.0.0.1 and a free port, is injected, has its journal reset before each test and is closed after its
 * {@link dev.mtk.junit5.Lifecycle}, and may fail a test that leaves messages nobody verified. Needs JUnit 5.13 or
 * later. docs/TESTING.md has a worked example.
 */
package dev.mtk.junit5;
