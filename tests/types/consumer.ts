// Compiled with `tsc --strict --noEmit` against the built package: the
// typings must accept correct code and refuse the mistakes below.
import {
  Ding,
  DingApiError,
  DingValidationError,
  type AuthenticationEvent,
  type CheckStatus,
  type CreateAuthenticationResponse,
  type LookupResponse,
} from "ding-otp";

const ding = new Ding({ apiKey: "k", serverURL: "http://127.0.0.1:1/v1" });
const customerUuid = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

export async function flow(): Promise<string> {
  const auth: CreateAuthenticationResponse = await ding.otp.createAuthentication({
    customerUuid,
    phoneNumber: "+33612345678",
    locale: "fr-FR",
    deviceType: "IOS",
  });
  const created: Date | undefined = auth.createdAt;
  const res = await ding.otp.check({ authenticationUuid: auth.authenticationUuid ?? "", checkCode: "1", customerUuid });
  const status: CheckStatus | undefined = res.status;
  if (status === "valid" || status === "some_future_status") {
    // open enums accept unknown strings
  }
  await ding.otp.retry({ authenticationUuid: "x", customerUuid });
  await ding.otp.feedback({ customerUuid, phoneNumber: "+1", status: "not_onboarded" });
  const st = await ding.otp.getAuthenticationStatus("x");
  for (const e of st.events ?? []) describe(e);
  const info: LookupResponse = await ding.lookup.lookup(customerUuid, "+14155550123", ["cnam"]);
  await ding.lookup.lookup(customerUuid, "+14155550123");
  return `${created?.toISOString()} ${info.callerName ?? ""}`;
}

function describe(e: AuthenticationEvent): string {
  switch (e.type) {
    case "attempt":
      return `attempt ${e.attemptNumber ?? 0} via ${e.capability ?? "?"}`;
    case "delivery_status":
      return `delivery ${e.status ?? ""} ${e.originatedAt?.getTime() ?? 0}`;
    case "check":
      return `check ${e.code ?? ""}`;
    case "balance_update":
      return `balance ${(e.amount ?? 0).toFixed(3)}`;
    case "unknown":
      return `unknown ${e.rawType ?? ""} ${JSON.stringify(e.raw)}`;
  }
}

export function errors(e: unknown): string {
  if (e instanceof DingApiError) return `${e.status} ${e.code ?? ""} ${e.docUrl ?? ""}`;
  if (e instanceof DingValidationError) return e.field;
  return "";
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error misspelled field
  await ding.otp.check({ authenticationUuid: "x", checkCode: "1", customerUUID: customerUuid });
  // @ts-expect-error missing required field
  await ding.otp.createAuthentication({ customerUuid });
  // @ts-expect-error wrong type
  await ding.otp.createAuthentication({ customerUuid, phoneNumber: 33612345678 });
  // @ts-expect-error closed request enum
  await ding.otp.feedback({ customerUuid, phoneNumber: "+1", status: "done" });
  // @ts-expect-error unknown lookup feature
  await ding.lookup.lookup(customerUuid, "+1", ["carrier"]);
  // @ts-expect-error the key is required
  new Ding({ serverURL: "https://api.ding.live/v1" });
  const r = await ding.otp.check({ authenticationUuid: "x", checkCode: "1", customerUuid });
  // @ts-expect-error response fields are camelCase
  void r.authentication_uuid;
}
