// Generated from the Rust descriptors by `cargo test` (tests/native/typescript.rs). Do not edit.

/** A phone number to verify, score or report on. */
export interface PhoneNumberTarget {
  type: "phone_number";
  /** The number in E.164 form (`+33612345678`): strip spaces and dashes first. */
  value: string;
}
/** An e-mail address; only for accounts where Prelude enabled e-mail verification. */
export interface EmailAddressTarget {
  type: "email_address";
  /** The address. */
  value: string;
}
/** What a verification, prediction, event or feedback is about: `{ type: "phone_number", value: "+33612345678" }`. */
export type Target =
  | PhoneNumberTarget
  | EmailAddressTarget;

/** Data of yours that Prelude returns in answers and in every webhook. */
export interface Metadata {
  /** Your own id for this object (at most 64 characters). */
  correlationId?: string;
}

/**
 * Kind of device the end user is on.
 *
 * - `android`: Android.
 * - `ios`: iOS.
 * - `ipados`: iPadOS.
 * - `tvos`: tvOS.
 * - `web`: A web browser.
 */
export type DevicePlatform =
  | "android"
  | "ios"
  | "ipados"
  | "tvos"
  | "web";

/**
 * Anti-fraud data about the end user and the device, gathered by your
 * backend. All optional; more signals give better decisions.
 */
export interface Signals {
  /**
   * Public IPv4 or IPv6 address of the end user's device; an
   * IPv4-mapped address (`::ffff:203.0.113.42`) is sent as IPv4.
   */
  ip?: string;
  /** Identifier unique to the device (`ANDROID_ID`, `identifierForVendor`). */
  deviceId?: string;
  /** Kind of device. */
  devicePlatform?: DevicePlatform;
  /** Hardware model of the device (`iPhone17,2`). */
  deviceModel?: string;
  /** Version of the device's operating system. */
  osVersion?: string;
  /** Version of your application. */
  appVersion?: string;
  /** User-Agent string of the device. */
  userAgent?: string;
  /** JA4 TLS fingerprint of the end user's connection. */
  ja4Fingerprint?: string;
  /** True only when you have strong reasons to trust the user; agree its use with Prelude. */
  isTrustedUser?: boolean;
}

/**
 * Platform of the automatic code reading.
 *
 * - `android`: The Android SMS Retriever API.
 * - `web`: The Web OTP API.
 */
export type AppRealmPlatform =
  | "android"
  | "web";

/** Enables automatic reading of the code by your app or page. */
export interface AppRealm {
  /** `android` for the SMS Retriever API, `web` for the Web OTP API. */
  platform: AppRealmPlatform;
  /** The 11-character app hash (Android) or the origin domain (web). */
  value: string;
}

/**
 * A delivery channel you can ask for (voice is chosen with `method`).
 *
 * - `sms`: SMS.
 * - `rcs`: RCS.
 * - `whatsapp`: WhatsApp.
 * - `viber`: Viber.
 * - `zalo`: Zalo.
 * - `telegram`: Telegram.
 */
export type RequestChannel =
  | "sms"
  | "rcs"
  | "whatsapp"
  | "viber"
  | "zalo"
  | "telegram";

/**
 * How to reach the user.
 *
 * - `auto`: Let Prelude choose (may include silent verification).
 * - `voice`: Read the code in a phone call.
 * - `message`: Force a message channel; no silent verification.
 */
export type VerificationMethodOption =
  | "auto"
  | "voice"
  | "message";

/**
 * Settings for this verification. All optional; several are opt-in
 * features Prelude must enable for the account (`customCode`,
 * `channels`, `forceChallenge`, `maxAutoFallbacks`).
 */
export interface VerificationOptions {
  /**
   * Verification template; `prelude:psd2` selects the PSD2 template
   * (check its codes with `psd2`).
   */
  templateId?: string;
  /** Values for the template's placeholders. */
  variables?: Record<string, string>;
  /** BCP-47 language of the message; by default the number's country decides. */
  locale?: string;
  /** Sender ID to send from; it must be enabled for the account. */
  senderId?: string;
  /** Your HTTPS endpoint for this verification's webhooks (see `verifyWebhook`). */
  callbackUrl?: string;
  /** How to reach the user. */
  method?: VerificationMethodOption;
  /** Channel to favour; not with `channels`. */
  preferredChannel?: RequestChannel;
  /** The only channels this verification may use, in order; not with `preferredChannel`. */
  channels?: RequestChannel[];
  /** Length of the generated code, 4 to 8; not with `customCode`. */
  codeSize?: number;
  /** A code of your own (4 to 8 characters), different for each request; not with `codeSize`. */
  customCode?: string;
  /** Automatic code reading by your app or page. */
  appRealm?: AppRealm;
  /** Only challenge-safe channels (neither SMS nor voice): `status: "challenged"`. */
  forceChallenge?: boolean;
  /** How many delivery attempts Prelude may add by itself (0: exactly one attempt). */
  maxAutoFallbacks?: number;
}

/** What `verification.create` needs: the target, and optional settings and signals. */
export interface VerificationCreateRequest {
  /** Who to send the code to. */
  target: Target;
  /** The 36-character id a Prelude front-end SDK gave after collecting device signals. */
  dispatchId?: string;
  /** Data Prelude returns in answers and webhooks. */
  metadata?: Metadata;
  /** Settings of this verification. */
  options?: VerificationOptions;
  /** Anti-fraud signals. */
  signals?: Signals;
}

/**
 * Result of `verification.create`. A 200 answer does not mean a message went out.
 *
 * - `success`: A new verification window was opened and a code is on its way.
 * - `retry`: A window was already open for this target: another attempt was made in it.
 * - `challenged`: Looks suspicious: only non-SMS, non-voice channels will be used.
 * - `blocked`: Refused, nothing was sent: see `reason`.
 * - `shadow_blocked`: A block rule matched but was not enforced (dry run); the code was sent.
 */
export type VerificationStatus =
  | "success"
  | "retry"
  | "challenged"
  | "blocked"
  | "shadow_blocked"
  | (string & {});

/**
 * How a verification reaches the user.
 *
 * - `email`: An e-mail.
 * - `message`: A message on some channel (SMS, WhatsApp, RCS...).
 * - `silent`: Network-based silent verification: see `silent.requestUrl`.
 * - `voice`: A phone call reading the code.
 */
export type VerificationMethod =
  | "email"
  | "message"
  | "silent"
  | "voice"
  | (string & {});

/**
 * A channel in the planned sequence of a verification.
 *
 * - `rcs`: RCS.
 * - `silent`: Silent verification.
 * - `sms`: SMS.
 * - `telegram`: Telegram.
 * - `viber`: Viber.
 * - `voice`: A voice call.
 * - `whatsapp`: WhatsApp.
 * - `zalo`: Zalo.
 */
export type ResponseChannel =
  | "rcs"
  | "silent"
  | "sms"
  | "telegram"
  | "viber"
  | "voice"
  | "whatsapp"
  | "zalo"
  | (string & {});

/**
 * Why a verification was blocked (or would have been, for `shadow_blocked`).
 *
 * - `expired_signature`: The signed front-end SDK signals are too old.
 * - `in_block_list`: The number is on the account's block list.
 * - `invalid_phone_line`: The number is not a usable line (a landline, for example).
 * - `invalid_phone_number`: The number does not exist.
 * - `invalid_signature`: The signature of the front-end SDK signals does not check out.
 * - `repeated_attempts`: Too many verifications for this number.
 * - `suspicious`: The anti-fraud system judged the request suspicious.
 */
export type BlockReason =
  | "expired_signature"
  | "in_block_list"
  | "invalid_phone_line"
  | "invalid_phone_number"
  | "invalid_signature"
  | "repeated_attempts"
  | "suspicious"
  | (string & {});

/**
 * A signal behind a block or a suspicious prediction. For your logs,
 * not for end users.
 *
 * - `behavioral_pattern`: The number's past verification behaviour looks abusive.
 * - `device_attribute`: The device has traits seen in abuse.
 * - `fraud_database`: The number is in a fraud database.
 * - `location_discrepancy`: The number's country and the IP location disagree.
 * - `network_fingerprint`: The network connection has traits seen in abuse.
 * - `poor_conversion_history`: Codes sent to this number are rarely confirmed.
 * - `prefix_concentration`: The number lies in a range associated with abuse.
 * - `suspected_request_tampering`: The front-end SDK signature is invalid; the request may be forged.
 * - `suspicious_ip_address`: The IP address is associated with abuse.
 * - `temporary_phone_number`: The number is a known disposable number.
 */
export type RiskFactor =
  | "behavioral_pattern"
  | "device_attribute"
  | "fraud_database"
  | "location_discrepancy"
  | "network_fingerprint"
  | "poor_conversion_history"
  | "prefix_concentration"
  | "suspected_request_tampering"
  | "suspicious_ip_address"
  | "temporary_phone_number"
  | (string & {});

/** Present for silent verifications. */
export interface SilentInfo {
  /** URL the end user's device must request over its mobile data connection. */
  requestUrl: string;
}

/** Answer of `verification.create`. Read `status`: `blocked` sent nothing. */
export interface VerificationCreateResponse {
  /** Identifier of the verification (`vrf_…`); the same for a `retry`. */
  id: string;
  /** The outcome. */
  status: VerificationStatus;
  /** How the code reaches the user. */
  method: VerificationMethod;
  /** Why it was blocked; only with `blocked` or `shadow_blocked`. */
  reason?: BlockReason;
  /** Risk signals found; only with `blocked` or `shadow_blocked`. */
  riskFactors?: RiskFactor[];
  /** Channels planned for this verification, in order. */
  channels?: ResponseChannel[];
  /** For a silent verification. */
  silent?: SilentInfo;
  /** Your metadata, echoed. */
  metadata?: Metadata;
  /** Id of this API request: quote it to support. */
  requestId?: string;
}

/** Transaction data of a `prelude:psd2` code; it must match what was given at issuance. */
export interface Psd2Transaction {
  /** Amount as a decimal string (`149.90`). */
  amount: string;
  /** ISO 4217 currency code (`EUR`). */
  currency: string;
  /** Payee name shown to the payer. */
  recipient: string;
}

/** What `verification.check` needs: the target and the code the user typed. */
export interface VerificationCheckRequest {
  /** The target the code was sent to. */
  target: Target;
  /** The code as typed (a string, so leading zeros survive). */
  code: string;
  /** For `prelude:psd2` codes: the transaction they were issued for. */
  psd2?: Psd2Transaction;
}

/**
 * Result of a check. A wrong code is `failure`, not an error.
 *
 * - `success`: The code is right: the target is verified.
 * - `failure`: The code is wrong.
 * - `expired_or_not_found`: No open verification for this target (expired, never created, or already used): ask the user to request a new code.
 * - `transaction_missing`: A PSD2 code checked without `psd2`.
 * - `transaction_mismatch`: `psd2` differs from the data given at issuance.
 */
export type CheckStatus =
  | "success"
  | "failure"
  | "expired_or_not_found"
  | "transaction_missing"
  | "transaction_mismatch"
  | (string & {});

/** Answer of `verification.check`. */
export interface VerificationCheckResponse {
  /** The outcome. */
  status: CheckStatus;
  /** The verification that was checked, when there was one. */
  id?: string;
  /** Your metadata, echoed. */
  metadata?: Metadata;
  /** Id of this API request: quote it to support. */
  requestId?: string;
}

/**
 * Optional extra data a lookup can ask for.
 *
 * - `cnam`: Caller ID name (CNAM); must be enabled for your account.
 */
export type LookupFeature =
  | "cnam";

/** The optional parameters of `lookup.lookup`. */
export interface LookupParams {
  /** Extra data to include: `["cnam"]` adds `callerName`. */
  type?: LookupFeature[];
}

/**
 * A property of the number.
 *
 * - `ported`: Moved from its original carrier to another one.
 * - `temporary`: Probably a virtual or disposable number.
 */
export type LookupFlag =
  | "ported"
  | "temporary"
  | (string & {});

/**
 * Kind of line (snake_case; v1 used PascalCase names).
 *
 * - `calling_cards`: Access numbers of prepaid calling-card providers.
 * - `fixed_line`: Landline.
 * - `isp`: Ranges reserved for internet service providers.
 * - `local_rate`: Non-geographic numbers billed at local rate.
 * - `mobile`: Mobile phone.
 * - `other`: Any other service.
 * - `pager`: Paging devices.
 * - `payphone`: Public payphones.
 * - `premium_rate`: The caller pays more than a normal call.
 * - `satellite`: Satellite phones.
 * - `service`: Automated services.
 * - `shared_cost`: Cost split between caller and callee.
 * - `short_codes_commercial`: Short numbers sold to businesses.
 * - `toll_free`: The callee pays.
 * - `universal_access`: Universal access ranges.
 * - `unknown`: Could not be classified.
 * - `vpn`: Private-network numbers, not reachable from the public network.
 * - `voice_mail`: Voicemail and IVR access.
 * - `voip`: VoIP provider ranges reachable from the public network.
 */
export type LineType =
  | "calling_cards"
  | "fixed_line"
  | "isp"
  | "local_rate"
  | "mobile"
  | "other"
  | "pager"
  | "payphone"
  | "premium_rate"
  | "satellite"
  | "service"
  | "shared_cost"
  | "short_codes_commercial"
  | "toll_free"
  | "universal_access"
  | "unknown"
  | "vpn"
  | "voice_mail"
  | "voip"
  | (string & {});

/** Carrier data of a number. */
export interface NetworkInfo {
  /** Name of the carrier. */
  carrierName?: string;
  /** Mobile country code (a string: leading zeros matter). */
  mcc?: string;
  /** Mobile network code (a string: leading zeros matter). */
  mnc?: string;
}

/** Answer of `lookup.lookup`. Every member is optional. */
export interface LookupResponse {
  /** The number, normally in E.164 form. */
  phoneNumber?: string;
  /** ISO 3166-1 alpha-2 country of the number. */
  countryCode?: string;
  /** Kind of line. */
  lineType?: LineType;
  /** Properties of the number; empty or absent when none applies. */
  flags?: LookupFlag[];
  /** The carrier serving the number now. */
  networkInfo?: NetworkInfo;
  /** The carrier the number was first assigned to (differs when ported). */
  originalNetworkInfo?: NetworkInfo;
  /** Caller ID name; only with `type: ["cnam"]` when the feature is enabled. */
  callerName?: string;
}

/** What `watch.predict` needs. */
export interface WatchPredictRequest {
  /** Who to score. */
  target: Target;
  /** The 36-character id a Prelude front-end SDK gave. */
  dispatchId?: string;
  /** Your metadata; use the same `correlationId` in later feedbacks. */
  metadata?: Metadata;
  /** Anti-fraud signals. */
  signals?: Signals;
}

/**
 * What Watch makes of a target.
 *
 * - `legitimate`: Looks genuine.
 * - `suspicious`: Looks like abuse: see `riskFactors`.
 */
export type Prediction =
  | "legitimate"
  | "suspicious"
  | (string & {});

/** Answer of `watch.predict`. */
export interface WatchPredictResponse {
  /** Identifier of the prediction. */
  id: string;
  /** The verdict. */
  prediction: Prediction;
  /** Risk signals found; only for `suspicious`. */
  riskFactors?: RiskFactor[];
  /** Id of this API request: quote it to support. */
  requestId: string;
}

/**
 * A step of your own verification funnel.
 *
 * - `verification.started`: A verification was started (a challenge issued).
 * - `verification.completed`: The verification succeeded.
 */
export type FeedbackType =
  | "verification.started"
  | "verification.completed";

/** One funnel step about one target. */
export interface WatchFeedback {
  /** Who the step is about. */
  target: Target;
  /** The step. */
  type: FeedbackType;
  /** Your metadata (the `correlationId` given to `predict`). */
  metadata?: Metadata;
  /** Deprecated: sent by older SDKs only. */
  dispatchId?: string;
  /** Deprecated: sent by older SDKs only. */
  signals?: Signals;
}

/** What `watch.sendFeedbacks` needs: at most 100 feedbacks. */
export interface WatchFeedbacksRequest {
  /** The feedbacks to record. */
  feedbacks: WatchFeedback[];
}

/**
 * How strongly an event speaks for the user being legitimate.
 *
 * - `maximum`: The most trust (a confirmed 3-D Secure payment).
 * - `high`: More trust.
 * - `neutral`: Neither way.
 * - `low`: Less trust.
 * - `minimum`: The least trust (a chargeback).
 */
export type EventConfidence =
  | "maximum"
  | "high"
  | "neutral"
  | "low"
  | "minimum";

/** One event about one target. */
export interface WatchEvent {
  /** Who the event is about. */
  target: Target;
  /** Your name for what happened (`account.banned`). */
  label: string;
  /** How much the event speaks for the user's legitimacy. */
  confidence: EventConfidence;
}

/** What `watch.sendEvents` needs: at most 100 events. */
export interface WatchEventsRequest {
  /** The events to record. */
  events: WatchEvent[];
}

/**
 * `success` on every accepted batch.
 *
 * - `success`: The batch was recorded.
 */
export type AcceptedStatus =
  | "success"
  | (string & {});

/** Answer of `watch.sendFeedbacks` and `watch.sendEvents`. */
export interface WatchAcceptedResponse {
  /** `success`. */
  status: AcceptedStatus;
  /** Id of this API request: quote it to support. */
  requestId: string;
}

/**
 * Which list: the allow list or the block list.
 *
 * - `allow`: The allow list.
 * - `block`: The block list.
 */
export type ListAction =
  | "allow"
  | "block";

/** The body of adding a number to, or removing it from, a list. */
export interface ManagedPhoneNumberRequest {
  /** The number in E.164 form. */
  phoneNumber: string;
}

/** Answer of adding or removing a number: the number. */
export interface ManagedPhoneNumberResponse {
  /** The number. */
  phoneNumber: string;
}

/** One entry of a list. */
export interface ManagedPhoneNumber {
  /** The number. */
  phoneNumber: string;
  /** When it was put on the list. */
  createdAt: Date;
}

/** Answer of `listPhoneNumbers`. */
export interface ManagedPhoneNumberList {
  /** The entries (an entry that cannot be read is left out). */
  phoneNumbers: ManagedPhoneNumber[];
}

/**
 * Review state of a sender ID.
 *
 * - `approved`: Approved.
 * - `pending`: Under review.
 * - `rejected`: Rejected: see `reason`.
 */
export type SenderIdStatus =
  | "approved"
  | "pending"
  | "rejected"
  | (string & {});

/** One sender ID of the account. */
export interface SenderId {
  /** Text shown to the recipient as the sender. */
  senderId?: string;
  /** Review state. */
  status?: SenderIdStatus;
}

/** Answer of `listSenderIds`. */
export interface SenderIdList {
  /** The sender IDs. */
  senderIds?: SenderId[];
}

/** What `submitSenderId` needs. */
export interface SenderIdSubmitRequest {
  /** The sender ID to submit for review. */
  senderId: string;
}

/** Answer of `submitSenderId`. */
export interface SenderIdSubmitResponse {
  /** The submitted sender ID. */
  senderId: string;
  /** Review state. */
  status: SenderIdStatus;
  /** Why it was rejected; only with `rejected`. */
  reason?: string;
}

/**
 * Machine-readable reason of an error (`err.code`). Open: codes are added often.
 *
 * - `batch_size_exceeded`: Batch too large (Notify).
 * - `blocked`: Verification blocked (Supabase integration only).
 * - `category_forbidden`: Message category not allowed in that country (Notify).
 * - `channel_not_enabled_in_region`: A requested channel is not active for the destination.
 * - `custom_code_not_allowed`: `customCode` is not enabled for the account.
 * - `custom_size_conflict`: `customCode` and `codeSize` were both given.
 * - `email_verification_not_allowed`: E-mail targets are not enabled for the account.
 * - `empty_batch`: Empty batch (Notify).
 * - `expires_at_in_past`: `expires_at` in the past (Transactional).
 * - `expires_at_too_far_in_future`: `expires_at` too far ahead (Transactional).
 * - `insufficient_balance`: The balance cannot pay for the message.
 * - `internal`: Server-side failure; retry later.
 * - `invalid_api_key`: The API key is not valid.
 * - `invalid_api_token`: The API key is not valid (older name).
 * - `invalid_app_realm`: `appRealm` lacks `platform` or `value`.
 * - `invalid_app_realm_platform`: `appRealm.platform` is neither `android` nor `web`.
 * - `invalid_app_realm_value`: `appRealm.value` is not an app hash or a web origin.
 * - `invalid_bearer_token`: The bearer token is not valid.
 * - `invalid_callback_url`: `callbackUrl` is not acceptable.
 * - `invalid_code_size`: `codeSize` outside 4 to 8.
 * - `invalid_correlation_id`: `correlationId` too long.
 * - `invalid_custom_code`: `customCode` not acceptable.
 * - `invalid_customer_uuid`: Customer UUID not valid (Supabase integration only).
 * - `invalid_date_format`: Bad date (Transactional).
 * - `invalid_device_id`: Bad `deviceId`.
 * - `invalid_line_type`: The number is not a mobile line.
 * - `invalid_locale`: `locale` is not a BCP-47 tag.
 * - `invalid_os_version`: Bad `osVersion`.
 * - `invalid_phone_number`: Not a valid E.164 number.
 * - `invalid_request`: The request does not match the API.
 * - `invalid_sender_id`: `senderId` not valid.
 * - `invalid_template_id`: Unknown template.
 * - `invalid_template_variables`: Bad template variables.
 * - `missing_api_token`: No API key was sent.
 * - `suspended_account`: The account is suspended.
 * - `template_not_found`: Template not found.
 * - `template_not_registered_in_country`: Template not registered in that country.
 * - `unsupported_country`: Destination country not served.
 */
export type ErrorCode =
  | "batch_size_exceeded"
  | "blocked"
  | "category_forbidden"
  | "channel_not_enabled_in_region"
  | "custom_code_not_allowed"
  | "custom_size_conflict"
  | "email_verification_not_allowed"
  | "empty_batch"
  | "expires_at_in_past"
  | "expires_at_too_far_in_future"
  | "insufficient_balance"
  | "internal"
  | "invalid_api_key"
  | "invalid_api_token"
  | "invalid_app_realm"
  | "invalid_app_realm_platform"
  | "invalid_app_realm_value"
  | "invalid_bearer_token"
  | "invalid_callback_url"
  | "invalid_code_size"
  | "invalid_correlation_id"
  | "invalid_custom_code"
  | "invalid_customer_uuid"
  | "invalid_date_format"
  | "invalid_device_id"
  | "invalid_line_type"
  | "invalid_locale"
  | "invalid_os_version"
  | "invalid_phone_number"
  | "invalid_request"
  | "invalid_sender_id"
  | "invalid_template_id"
  | "invalid_template_variables"
  | "missing_api_token"
  | "suspended_account"
  | "template_not_found"
  | "template_not_registered_in_country"
  | "unsupported_country"
  | (string & {});

/** Body of an error answer; every member is optional. */
export interface ErrorResponse {
  /** Machine-readable reason. */
  code?: ErrorCode;
  /** Readable explanation, for logs, not for end users. */
  message?: string;
  /** The request input the error is about (`target.value`). */
  param?: string;
}

/**
 * The kind of a target.
 *
 * - `phone_number`: A phone number.
 * - `email_address`: An e-mail address.
 */
export type TargetType =
  | "phone_number"
  | "email_address"
  | (string & {});

/** A target as an event names it. */
export interface EventTarget {
  /** The kind. */
  type?: TargetType;
  /** The number or address. */
  value?: string;
}

/** What a verification cost. */
export interface WebhookPrice {
  /** Amount charged. */
  amount?: number;
  /** ISO 4217 currency code. */
  currency?: string;
}

/** Payload of `verify.authentication`: the verification was created and billed. */
export interface VerifyAuthenticationPayload {
  /** The verification (`vrf_…`). */
  verificationId?: string;
  /** Its target. */
  target?: EventTarget;
  /** When it was created. */
  time?: Date;
  /** What it cost. */
  price?: WebhookPrice;
  /** Your metadata. */
  metadata?: Metadata;
}

/**
 * Payload of `verify.attempt`: an attempt was sent. No source lists its
 * members; these are assumed, expect others.
 */
export interface VerifyAttemptPayload {
  /** The verification (`vrf_…`). */
  verificationId?: string;
  /** Its target. */
  target?: EventTarget;
  /** When the attempt was made. */
  time?: Date;
  /** Your metadata. */
  metadata?: Metadata;
}

/**
 * Delivery state reported by the carrier.
 *
 * - `submitted`: Handed to the carrier.
 * - `in_transit`: On its way.
 * - `delivered`: Reached the handset.
 * - `undeliverable`: Cannot be delivered.
 * - `unknown`: The carrier gave nothing usable.
 */
export type DeliveryStatus =
  | "submitted"
  | "in_transit"
  | "delivered"
  | "undeliverable"
  | "unknown"
  | (string & {});

/** Payload of `verify.delivery_status`. Only `status` is documented. */
export interface VerifyDeliveryStatusPayload {
  /** The delivery state. */
  status: DeliveryStatus;
  /** The verification (`vrf_…`). */
  verificationId?: string;
  /** Its target. */
  target?: EventTarget;
  /** When the report was made. */
  time?: Date;
  /** Your metadata. */
  metadata?: Metadata;
}

/** `verify.authentication`: a verification was created and billed. */
export interface VerifyAuthenticationEvent {
  type: "verify.authentication";
  /** Id of the event (`evt_…`): Prelude may deliver an event twice, so drop duplicates by it. */
  id: string;
  /** When the event was created. */
  createdAt: Date;
  /** What happened. */
  payload: VerifyAuthenticationPayload;
}
/** `verify.attempt`: an attempt (a message carrying the code) was sent. */
export interface VerifyAttemptEvent {
  type: "verify.attempt";
  /** Id of the event (`evt_…`), to drop duplicates by. */
  id: string;
  /** When the event was created. */
  createdAt: Date;
  /** What happened. */
  payload: VerifyAttemptPayload;
}
/** `verify.delivery_status`: the carrier reported a delivery state. */
export interface VerifyDeliveryStatusEvent {
  type: "verify.delivery_status";
  /** Id of the event (`evt_…`), to drop duplicates by. */
  id: string;
  /** When the event was created. */
  createdAt: Date;
  /** What happened. */
  payload: VerifyDeliveryStatusPayload;
}
/**
 * An event of a kind this SDK does not know, or one it could not read,
 * kept whole. Its signature was checked all the same.
 */
export interface UnknownWebhookEvent {
  type: "unknown";
  /** The `type` the server sent, when it was a string. */
  rawType?: string;
  /** `id`, when present and a string. */
  id?: string;
  /** `created_at`, when present and well formed. */
  createdAt?: Date;
  /** The value as received, with its snake_case keys. */
  raw: unknown;
}
/** A Verify webhook event, as `verifyWebhook` returns it; narrow it on `type`. */
export type VerifyWebhookEvent =
  | VerifyAuthenticationEvent
  | VerifyAttemptEvent
  | VerifyDeliveryStatusEvent
  | UnknownWebhookEvent;
