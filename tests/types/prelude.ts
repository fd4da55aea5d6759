// Compiled with `tsc --strict --noEmit` against the built package: the v2
// typings must accept correct code and refuse the mistakes below.
import {
  Prelude,
  verifyWebhook,
  DingApiError,
  DingWebhookError,
  type Target,
  type VerificationCreateResponse,
  type VerifyWebhookEvent,
} from "ding-otp/prelude";

const prelude = new Prelude({ apiKey: "k", serverURL: "http://127.0.0.1:1", retries: { retryUnsafe: false } });
const target: Target = { type: "phone_number", value: "+33612345678" };

export async function flow(): Promise<string> {
  const v: VerificationCreateResponse = await prelude.verification.create({
    target,
    signals: { ip: "::ffff:203.0.113.42", deviceId: "d", devicePlatform: "ios" },
    options: { locale: "fr-FR", callbackUrl: "https://example.com/hook", codeSize: 6, channels: ["whatsapp", "sms"] },
    metadata: { correlationId: "c" },
  });
  const id: string = v.id; // required in the contract, so not optional
  if (v.status === "blocked" || v.status === "some_future_status") {
    void v.reason;
  }
  const c = await prelude.verification.check({ target, code: "123456" }, { timeoutMs: 5000 });
  const ok: boolean = c.status === "success";
  const info = await prelude.lookup.lookup("+14155550123", { type: ["cnam"] });
  await prelude.lookup.lookup("+14155550123");
  const p = await prelude.watch.predict({ target });
  const verdict: string = p.prediction;
  await prelude.watch.sendFeedbacks({ feedbacks: [{ target, type: "verification.completed" }] });
  await prelude.watch.sendEvents({ events: [{ target, label: "onboarding.start", confidence: "neutral" }] });
  const list = await prelude.verificationManagement.listPhoneNumbers("block");
  const first: Date | undefined = list.phoneNumbers[0]?.createdAt;
  await prelude.verificationManagement.setPhoneNumber("allow", { phoneNumber: "+14155550123" });
  await prelude.verificationManagement.deletePhoneNumber("block", { phoneNumber: "+14155550123" });
  const senders = await prelude.verificationManagement.listSenderIds();
  await prelude.verificationManagement.submitSenderId({ senderId: "MyBrand" });
  return `${id} ${ok} ${info.networkInfo?.carrierName ?? ""} ${verdict} ${first?.getTime()} ${senders.senderIds?.length}`;
}

export async function webhook(body: string, signature: string | null, publicKey: string): Promise<string> {
  try {
    const event: VerifyWebhookEvent = await verifyWebhook({ body, signature, publicKey });
    switch (event.type) {
      case "verify.authentication":
        return `${event.id} ${event.payload.verificationId ?? ""} ${event.payload.price?.amount ?? 0}`;
      case "verify.attempt":
        return `${event.createdAt.toISOString()} ${event.payload.metadata?.correlationId ?? ""}`;
      case "verify.delivery_status":
        return event.payload.status;
      case "unknown":
        return `${event.rawType ?? ""} ${JSON.stringify(event.raw)}`;
    }
  } catch (e) {
    if (e instanceof DingWebhookError) return e.message;
    if (e instanceof DingApiError) return `${e.code ?? ""} ${e.param ?? ""} ${e.requestId ?? ""}`;
    throw e;
  }
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error misspelled field
  await prelude.verification.create({ target, option: { locale: "fr" } });
  // @ts-expect-error missing target
  await prelude.verification.create({ options: { locale: "fr-FR" } });
  // @ts-expect-error closed request enum
  await prelude.verification.create({ target, options: { preferredChannel: "fax" } });
  // @ts-expect-error closed target type
  await prelude.verification.check({ target: { type: "phone", value: "+1" }, code: "1" });
  // @ts-expect-error the code is required
  await prelude.verification.check({ target });
  // @ts-expect-error closed list action
  await prelude.verificationManagement.listPhoneNumbers("deny");
  // @ts-expect-error the key is required
  new Prelude({});
  const v = await prelude.verification.create({ target });
  // @ts-expect-error answers are camelCase
  void v.request_id;
  // @ts-expect-error the body must be raw text or bytes
  await verifyWebhook({ body: { id: "evt" }, signature: null, publicKey: "" });
}
