/** The bot calls the functions the generator puts in the module: one table each side, kept equal. */
import { jeaFunctionNames } from '../../../src/cluster/jea/function-names.js';
import { clusterScriptNames } from '../../../src/cluster/scripts/index.js';
// @ts-expect-error: a plain .mjs build script without type declarations
import { FunctionNames } from '../../../scripts/build-jea-module.mjs';

test('the bot\'s table of JEA functions is the generator\'s, one function per script', () => {
  expect(jeaFunctionNames).toEqual(FunctionNames);
  expect(Object.keys(jeaFunctionNames).sort()).toEqual([...clusterScriptNames].sort());
});
