// Generated from the Rust descriptors by `cargo test` (tests/native/typescript.rs). Do not edit.

/**
 * Platform of the end user's device, as accepted when sending a code.
 *
 * - `IOS`: iOS.
 * - `ANDROID`: Android.
 * - `WEB`: A web browser.
 */
export type DeviceType =
  | "IOS"
  | "ANDROID"
  | "WEB";

/**
 * What `createAuthentication` needs: who you are, the number to send a
 * code to, and optional message settings and fraud signals.
 */
export interface CreateAuthenticationRequest {
  /** Your customer UUID, shown in the API settings of the Ding dashboard. */
  customerUuid: string;
  /** The number to send the code to, in E.164 form (`+14155550123`). */
  phoneNumber: string;
  /**
   * Public IPv4 address of the end user's device (fraud signal). An
   * IPv4-mapped IPv6 address (`::ffff:203.0.113.42`, as Node gives it)
   * is sent as IPv4; the v1 API takes no other IPv6 address.
   */
  ip?: string;
  /** Stable device identifier: `ANDROID_ID` or `identifierForVendor` (fraud signal). */
  deviceId?: string;
  /** Platform of the end user's device (fraud signal). */
  deviceType?: DeviceType;
  /** Hardware model of the device, like `iPhone15,2` (fraud signal). */
  deviceModel?: string;
  /** Operating-system version of the device (fraud signal). */
  osVersion?: string;
  /** Version of your app (fraud signal). */
  appVersion?: string;
  /** Android SMS Retriever hash of your app; the server wants `deviceType` with it. */
  appRealm?: string;
  /** True when you already trust this user (a known, verified customer). */
  isReturningUser?: boolean;
  /** Webhook URL that receives delivery status updates for this authentication. */
  callbackUrl?: string;
  /** Message template (content variant) to use. */
  templateId?: string;
  /** Sender ID to send from; it must be allowed for your account. */
  senderId?: string;
  /** Free-form id of yours, echoed in webhooks and in the status. */
  correlationId?: string;
  /** BCP-47 language of the message (`fr-FR`); by default the number's country decides. */
  locale?: string;
}

/**
 * State of a new authentication. Only `pending` means a code is on its way.
 *
 * - `pending`: A code is being sent.
 * - `rate_limited`: The number hit its limit: no code was sent.
 * - `spam_detected`: The request looks fraudulent: no code was sent.
 */
export type AuthenticationStatus =
  | "pending"
  | "rate_limited"
  | "spam_detected"
  | (string & {});

/**
 * Answer of `createAuthentication`. Check `status`: a success does not
 * always mean a code was sent.
 */
export interface CreateAuthenticationResponse {
  /** Handle of the new authentication, for `check`, `retry` and `getAuthenticationStatus`. */
  authenticationUuid?: string;
  /** Whether a code is on its way. */
  status?: AuthenticationStatus;
  /** When the authentication was created. */
  createdAt?: Date;
  /** After this instant the authentication can neither be checked nor retried. */
  expiresAt?: Date;
}

/** What `check` needs: the authentication and the code the user typed. */
export interface CreateCheckRequest {
  /** Your customer UUID. */
  customerUuid: string;
  /** The `authenticationUuid` returned by `createAuthentication`. */
  authenticationUuid: string;
  /** The code as typed by the user (a string, so leading zeros survive). */
  checkCode: string;
}

/**
 * Result of a code check.
 *
 * - `unknown`: The server could not determine a result.
 * - `valid`: The code matches: the user is verified.
 * - `invalid`: The code does not match.
 * - `without_attempt`: No code has been sent for this authentication.
 * - `rate_limited`: Too many checks: this authentication can no longer be checked.
 * - `already_validated`: An earlier check already succeeded. Not a sign-in: this code was used before, so the user must start again.
 * - `expired_auth`: The authentication is past its `expiresAt`.
 */
export type CheckStatus =
  | "unknown"
  | "valid"
  | "invalid"
  | "without_attempt"
  | "rate_limited"
  | "already_validated"
  | "expired_auth"
  | (string & {});

/** Answer of `check`. A wrong code is `status: "invalid"`, not an error. */
export interface CreateCheckResponse {
  /** The authentication that was checked. */
  authenticationUuid?: string;
  /** The outcome of the check. */
  status?: CheckStatus;
}

/** What `retry` needs: the authentication to send a new code for. */
export interface RetryAuthenticationRequest {
  /** Your customer UUID. */
  customerUuid: string;
  /** The `authenticationUuid` returned by `createAuthentication`. */
  authenticationUuid: string;
}

/**
 * Outcome of a retry. Only `approved` means a new code was sent.
 *
 * - `approved`: A new code has been sent.
 * - `denied`: Refused, for instance because it came too early (see `nextRetryAt`).
 * - `no_attempt`: Nothing was sent at first, so there is nothing to retry.
 * - `rate_limited`: Rate limited: no more retries.
 * - `expired_auth`: The authentication has expired.
 * - `already_validated`: The user is already verified.
 */
export type RetryStatus =
  | "approved"
  | "denied"
  | "no_attempt"
  | "rate_limited"
  | "expired_auth"
  | "already_validated"
  | (string & {});

/** Answer of `retry`. */
export interface RetryAuthenticationResponse {
  /** The authentication that was retried. */
  authenticationUuid?: string;
  /** Whether a new code was sent. */
  status?: RetryStatus;
  /** When this retry was recorded. */
  createdAt?: Date;
  /** Earliest instant at which another retry may be asked for. */
  nextRetryAt?: Date;
  /** How many more retries this authentication allows. */
  remainingRetry?: number;
}

/**
 * Onboarding outcome reported by `feedback`.
 *
 * - `onboarded`: The user completed sign-up.
 * - `not_onboarded`: The user did not complete sign-up.
 */
export type FeedbackStatus =
  | "onboarded"
  | "not_onboarded";

/** What `feedback` needs: the number and whether its user finished onboarding. */
export interface FeedbackRequest {
  /** Your customer UUID. */
  customerUuid: string;
  /** The number that went through the OTP flow, in E.164 form. */
  phoneNumber: string;
  /** Whether the user finished onboarding. */
  status: FeedbackStatus;
}

/** Answer of `feedback`. */
export interface FeedbackResponse {
  /** Identifier of the stored feedback record. */
  uuid?: string;
}

/**
 * Platform of the end user's device as reported back (wider than `DeviceType`).
 *
 * - `ANDROID`: Android.
 * - `IOS`: iOS.
 * - `IPADOS`: iPadOS.
 * - `TVOS`: tvOS.
 * - `WEB`: A web browser.
 */
export type SignalsDeviceType =
  | "ANDROID"
  | "IOS"
  | "IPADOS"
  | "TVOS"
  | "WEB"
  | (string & {});

/** Fraud signals that were given when the authentication was created. */
export interface Signals {
  /** IP address of the end user's device. */
  ip?: string;
  /** Device identifier (`ANDROID_ID` or `identifierForVendor`). */
  deviceId?: string;
  /** Platform of the device. */
  deviceType?: SignalsDeviceType;
  /** Hardware model of the device. */
  deviceModel?: string;
  /** Operating-system version of the device. */
  osVersion?: string;
  /** Version of your app. */
  appVersion?: string;
  /** Android SMS Retriever hash of your app. */
  appRealm?: string;
  /** Whether you flagged the user as a trusted returning user. */
  isReturningUser?: boolean;
}

/**
 * Channel an attempt used.
 *
 * - `rcs`: RCS message.
 * - `text`: SMS.
 * - `whatsapp`: WhatsApp message.
 * - `viber`: Viber message.
 */
export type Capability =
  | "rcs"
  | "text"
  | "whatsapp"
  | "viber"
  | (string & {});

/**
 * State of one sending attempt.
 *
 * - `pending`: Not yet confirmed as delivered.
 * - `delivered`: Reached the handset.
 * - `failed`: Could not be sent or delivered.
 * - `rate_limited`: Blocked by rate limiting.
 * - `expired`: The authentication expired.
 */
export type AttemptStatus =
  | "pending"
  | "delivered"
  | "failed"
  | "rate_limited"
  | "expired"
  | (string & {});

/**
 * Carrier-side delivery state of an attempt.
 *
 * - `unknown`: No information.
 * - `submitted`: Handed over to the carrier.
 * - `in_transit`: On its way to the handset.
 * - `delivered`: The handset received it.
 * - `undeliverable`: It cannot be delivered.
 */
export type DeliveryStatusValue =
  | "unknown"
  | "submitted"
  | "in_transit"
  | "delivered"
  | "undeliverable"
  | (string & {});

/**
 * What a balance movement was for.
 *
 * - `unknown`: Not known.
 * - `authentication`: An authentication.
 * - `attempt`: An attempt.
 * - `attempt_pending`: An attempt, not settled yet.
 * - `attempt_success`: A successful attempt.
 * - `authentication_pending`: An authentication, not settled yet.
 * - `authentication_success`: A successful authentication.
 */
export type BalanceUpdateType =
  | "unknown"
  | "authentication"
  | "attempt"
  | "attempt_pending"
  | "attempt_success"
  | "authentication_pending"
  | "authentication_success"
  | (string & {});

/** A message (first send or a retry) that carried a code. `type` is `"attempt"`. */
export interface AttemptEvent {
  type: "attempt";
  /** When the event was recorded. */
  createdAt?: Date;
  /** Identifier of the attempt; delivery reports point to it with `attemptId`. */
  id?: string;
  /** Position of the attempt: 1 for the first send, then one more per retry. */
  attemptNumber?: number;
  /** Channel used. */
  capability?: Capability;
  /** Text of the message. */
  content?: string;
  /** Sender ID the message was sent from. */
  senderId?: string;
  /** State of the attempt. */
  status?: AttemptStatus;
}
/** A delivery report about one attempt. `type` is `"delivery_status"`. */
export interface DeliveryStatusEvent {
  type: "delivery_status";
  /** When Ding recorded the report. */
  createdAt?: Date;
  /** The `id` of the attempt this report is about. */
  attemptId?: string;
  /** The number of that attempt. */
  attemptNumber?: number;
  /** Delivery state. */
  status?: DeliveryStatusValue;
  /** Timestamp given by the provider for this report. */
  originatedAt?: Date;
}
/** A code check made with `check`. `type` is `"check"`. */
export interface CheckEvent {
  type: "check";
  /** When the event was recorded. */
  createdAt?: Date;
  /** Identifier of the check. */
  id?: string;
  /** The code that was submitted. */
  code?: string;
  /** Outcome of the check. */
  status?: CheckStatus;
}
/** A change of your balance caused by this authentication. `type` is `"balance_update"`. */
export interface BalanceUpdateEvent {
  type: "balance_update";
  /** When the event was recorded. */
  createdAt?: Date;
  /** Amount of the movement (currency and sign convention are not documented). */
  amount?: number;
  /** What the movement was for. */
  balanceUpdateType?: BalanceUpdateType;
}
/**
 * An event of a kind this SDK does not know, or one it could not read
 * (a member of the wrong type, or not an object at all), kept whole.
 */
export interface UnknownEvent {
  type: "unknown";
  /** The `type` the server sent, when it was a string. */
  rawType?: string;
  /** `created_at`, when present and well formed. */
  createdAt?: Date;
  /** The value as received, with its snake_case keys. */
  raw: unknown;
}
/** One entry of an authentication's history; narrow it on `type`. */
export type AuthenticationEvent =
  | AttemptEvent
  | DeliveryStatusEvent
  | CheckEvent
  | BalanceUpdateEvent
  | UnknownEvent;

/** Answer of `getAuthenticationStatus`: the authentication, its signals and its history. */
export interface AuthenticationStatusResponse {
  /** Identifier of the authentication. */
  uuid?: string;
  /** The number the authentication is for, in E.164 form. */
  phoneNumber?: string;
  /** Template (content variant) used for the messages. */
  templateId?: string;
  /** The `correlationId` given at creation, if any. */
  correlationId?: string;
  /** When the authentication was created. */
  createdAt?: Date;
  /** Fraud signals given at creation. */
  signals?: Signals;
  /**
   * History: attempts, delivery reports, checks and balance movements
   * (order not guaranteed). An event that cannot be read comes through
   * as `type: "unknown"` with its `raw` value; it never fails the call.
   */
  events?: AuthenticationEvent[];
}

/**
 * Optional extra data a lookup can ask for.
 *
 * - `cnam`: Caller ID name (CNAM); must be enabled for your account.
 */
export type LookupFeature =
  | "cnam";

/**
 * Kind of line behind a number.
 *
 * - `CallingCards`: Prepaid calling-card access numbers.
 * - `FixedLine`: Landline.
 * - `InternetServiceProvider`: Ranges reserved for internet service providers.
 * - `LocalRate`: Non-geographic numbers billed at local rate.
 * - `Mobile`: Mobile phone.
 * - `Other`: Any other service.
 * - `Pager`: Paging device.
 * - `PayPhone`: Public payphone.
 * - `PremiumRate`: The caller pays a premium.
 * - `Satellite`: Satellite phone.
 * - `Service`: Automated service.
 * - `SharedCost`: Cost shared by caller and callee.
 * - `ShortCodesCommercial`: Commercial short code.
 * - `TollFree`: The callee pays.
 * - `UniversalAccess`: Universal access ranges.
 * - `Unknown`: Could not be classified.
 * - `VPN`: Private network numbers, unreachable from the public network.
 * - `VoiceMail`: Voicemail or IVR access.
 * - `Voip`: VoIP provider ranges.
 */
export type LineType =
  | "CallingCards"
  | "FixedLine"
  | "InternetServiceProvider"
  | "LocalRate"
  | "Mobile"
  | "Other"
  | "Pager"
  | "PayPhone"
  | "PremiumRate"
  | "Satellite"
  | "Service"
  | "SharedCost"
  | "ShortCodesCommercial"
  | "TollFree"
  | "UniversalAccess"
  | "Unknown"
  | "VPN"
  | "VoiceMail"
  | "Voip"
  | (string & {});

/** Answer of `lookup`: carrier and numbering-plan data about a number. */
export interface LookupResponse {
  /** The number, in E.164 form. */
  phoneNumber?: string;
  /** ISO 3166-1 alpha-2 country of the number (`US`). */
  countryCode?: string;
  /** Kind of line. */
  lineType?: LineType;
  /** Carrier currently serving the number. */
  carrier?: string;
  /** Mobile country code (a string: it may have leading zeros). */
  mcc?: string;
  /** Mobile network code (a string: it may have leading zeros). */
  mnc?: string;
  /** True when the number was moved from its original carrier. */
  numberPorted?: boolean;
  /** True when the number is known as disposable or temporary. */
  temporaryPhoneNumber?: boolean;
  /** Caller ID name; only when `["cnam"]` was asked for and is enabled. */
  callerName?: string;
}

/**
 * Machine-readable reason of a refused request (`err.code` of a `DingApiError`).
 *
 * - `account_invalid`: The customer UUID is unknown or not valid.
 * - `app_realm_require_device_type`: `appRealm` was sent without `deviceType`.
 * - `bad_request`: The request is malformed (bad JSON, missing or mistyped field).
 * - `blocked_number`: The number is on a block list.
 * - `duplicated_feedback_status`: This feedback status was already recorded.
 * - `internal_server_error`: An unexpected server-side failure.
 * - `invalid_app_realm`: `appRealm` is not valid.
 * - `invalid_app_version`: `appVersion` is not valid.
 * - `invalid_auth_uuid`: The authentication UUID is unknown or malformed.
 * - `invalid_device_id`: `deviceId` is not valid.
 * - `invalid_device_model`: `deviceModel` is not valid.
 * - `invalid_feedback_status`: The feedback `status` is not accepted.
 * - `invalid_line`: This kind of phone line is not supported.
 * - `invalid_os_version`: `osVersion` is not valid.
 * - `invalid_phone_number`: The number is not a valid E.164 number.
 * - `invalid_sender_id`: `senderId` is not valid.
 * - `invalid_template_id`: `templateId` does not exist.
 * - `negative_balance`: The account balance is negative: nothing is sent.
 * - `no_associated_auth_found`: No authentication matches (feedback).
 * - `suspended_account`: The account is suspended.
 * - `unauthorized_sender_id`: `senderId` is not allowed for this account.
 * - `unsupported_app_realm_device_type`: `appRealm` cannot be used with that `deviceType`.
 * - `unsupported_region`: The number's country is not served.
 */
export type ErrorCode =
  | "account_invalid"
  | "app_realm_require_device_type"
  | "bad_request"
  | "blocked_number"
  | "duplicated_feedback_status"
  | "internal_server_error"
  | "invalid_app_realm"
  | "invalid_app_version"
  | "invalid_auth_uuid"
  | "invalid_device_id"
  | "invalid_device_model"
  | "invalid_feedback_status"
  | "invalid_line"
  | "invalid_os_version"
  | "invalid_phone_number"
  | "invalid_sender_id"
  | "invalid_template_id"
  | "negative_balance"
  | "no_associated_auth_found"
  | "suspended_account"
  | "unauthorized_sender_id"
  | "unsupported_app_realm_device_type"
  | "unsupported_region"
  | (string & {});

/** Body of an error answer; every member is optional. */
export interface ErrorResponse {
  /** Machine-readable reason. */
  code?: ErrorCode;
  /** Human-readable explanation. */
  message?: string;
  /** Link to the vendor documentation of this code. */
  docUrl?: string;
}
