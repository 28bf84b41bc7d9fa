import * as functionsModule from '@azure/functions';

// @azure/functions is CommonJS. Node's ESM loader exposes HttpRequest and InvocationContext only through the
// default export (module.exports); CommonJS interop (jest) exposes them on the namespace. Take whichever has them.
const classes: typeof functionsModule =
  'HttpRequest' in functionsModule
    ? functionsModule
    : (functionsModule as unknown as { default: typeof functionsModule }).default;

export const { HttpRequest, InvocationContext } = classes;
