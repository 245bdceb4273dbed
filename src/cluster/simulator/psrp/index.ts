/** @module simulator/psrp: a simulated node's PowerShell remoting endpoint (`pwsh -s` with the fake cluster modules and the JEA module). */
export { createSimulatorPsrpEndpoint, UnknownConfigurationError, type SimulatorPsrpEndpoint, type SimulatorPsrpOptions } from './psrp-endpoint.js';
export { FULL_CONFIGURATION, JEA_CONFIGURATION, JEA_MODULES_DIR, writeJeaSessionFile } from './session-configuration.js';
export { startSimulatorPsrp, type SimulatorPsrp, type SimulatorPsrpStartOptions } from './start.js';
