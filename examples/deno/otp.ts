// Sends a code by SMS, then checks the code the user got, from Deno
// (TypeScript, typed by the package's own declarations).
//
//   deno install    # reads package.json (or: deno add npm:ding-otp)
//   export DING_API_KEY=... DING_CUSTOMER_UUID=...
//   deno run --allow-net=api.ding.live --allow-env --allow-read otp.ts send +14155550123
//   deno run --allow-net=api.ding.live --allow-env --allow-read otp.ts check <authenticationUuid> <code>
//
// --allow-read lets the package load its .wasm file. DING_SERVER_URL
// (http://127.0.0.1:PORT/v1, with --allow-net=127.0.0.1) points it at the mock.
import { type CheckStatus, Ding, DingApiError, DingValidationError } from "ding-otp";

function client(): Ding {
  const serverURL = Deno.env.get("DING_SERVER_URL");
  return new Ding({ apiKey: Deno.env.get("DING_API_KEY") ?? "", ...(serverURL ? { serverURL } : {}) });
}

async function main([command, ...args]: string[]): Promise<number> {
  const customerUuid = Deno.env.get("DING_CUSTOMER_UUID") ?? "";
  if (command === "send" && args.length === 1) {
    const auth = await client().otp.createAuthentication({ customerUuid, phoneNumber: args[0] });
    if (auth.status !== "pending") throw new Error(`no code sent: ${auth.status}`);
    console.log(`code sent; check it with:\n  deno run ... otp.ts check ${auth.authenticationUuid} <code>`);
    return 0;
  }
  if (command === "check" && args.length === 2) {
    const [authenticationUuid, checkCode] = args;
    const status: CheckStatus | undefined = (await client().otp.check({ customerUuid, authenticationUuid, checkCode })).status;
    console.log(status);
    return status === "valid" ? 0 : 1;
  }
  console.error("usage: otp.ts send PHONE_NUMBER | check AUTHENTICATION_UUID CODE");
  return 2;
}

try {
  Deno.exitCode = await main(Deno.args);
} catch (err) {
  if (err instanceof DingValidationError) console.error(`bad ${err.field}: ${err.message}`);
  else if (err instanceof DingApiError) console.error(`Ding refused the request: ${err.code}`);
  else console.error(err instanceof Error ? err.message : err);
  Deno.exitCode = 2;
}
