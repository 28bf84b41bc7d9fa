// Integration and browser tests start servers and a browser: give them room (jest's project-level
// testTimeout is not applied per project).
jest.setTimeout(60_000);
