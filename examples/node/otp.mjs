// Sends a code by SMS, then checks the code the user got, from Node.js.
//
//   export DING_API_KEY=... DING_CUSTOMER_UUID=...
//   node otp.mjs send +14155550123
//   node otp.mjs check <authenticationUuid> <code>
//
// DING_SERVER_URL=http://127.0.0.1:PORT/v1 points it at the mock server.
import { Ding, DingApiError, DingValidationError } from "ding-otp";

const { DING_API_KEY, DING_CUSTOMER_UUID: customerUuid, DING_SERVER_URL } = process.env;
const [command, ...args] = process.argv.slice(2);

try {
  const ding = new Ding({ apiKey: DING_API_KEY, ...(DING_SERVER_URL && { serverURL: DING_SERVER_URL }) });
  if (command === "send" && args.length === 1) {
    const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber: args[0] });
    if (auth.status !== "pending") throw new Error(`no code sent: ${auth.status}`);
    console.log(`code sent; check it with:\n  node otp.mjs check ${auth.authenticationUuid} <code>`);
  } else if (command === "check" && args.length === 2) {
    const { status } = await ding.otp.check({ customerUuid, authenticationUuid: args[0], checkCode: args[1] });
    console.log(status); // "valid", "invalid", "expired_auth", "rate_limited"...
    process.exitCode = status === "valid" ? 0 : 1;
  } else {
    console.error("usage: node otp.mjs send PHONE_NUMBER | check AUTHENTICATION_UUID CODE");
    process.exitCode = 2;
  }
} catch (err) {
  if (err instanceof DingValidationError) console.error(`bad ${err.field}: ${err.message}`);
  else if (err instanceof DingApiError) console.error(`Ding refused the request: ${err.code}`);
  else console.error(err.message); // network, HTTP status, unexpected answer
  process.exitCode = 2;
}
