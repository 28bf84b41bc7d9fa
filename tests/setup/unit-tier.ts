// Unit tests are fast, but the tab's jsdom tests render Fluent dialogs and wait on them (RTL's waits allow
// 5 s each): on a loaded two-core machine a test of several steps can pass 5 s in all, so allow 20 s.
jest.setTimeout(20_000);
