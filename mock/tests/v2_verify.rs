//! Prelude v2 verification: the window per target (create, retry, check,
//! close), the check outcomes, PSD2, options, and every anti-fraud outcome
//! through its magic input. Each test runs against every host.

#[macro_use]
mod common;

use std::time::Duration;

use axum::http::Method;
use common::{is_rfc3339_millis, is_verification_id, phone_target, Mock, CODE, PHONE};
use ding_mock::{magic, Config};
use serde_json::{json, Value};

/// A mock with the fixed code and its other settings changed by `change`.
fn mock_with(change: impl FnOnce(&mut Config)) -> Mock {
    let mut config = Config { code: Some(CODE.to_owned()), ..Config::default() };
    change(&mut config);
    Mock::with(config)
}

/// A create body for `phone` with these `options`.
fn with_options(phone: &str, options: Value) -> Value {
    json!({"target": phone_target(phone), "options": options})
}

/// The v2 messages of `phone`.
async fn messages(mock: &Mock, phone: &str) -> Vec<Value> {
    mock.inbox2(&format!("?phone_number={}", phone.replace('+', "%2B"))).await
}

host_tests! {
    async fn a_window_opens_retries_with_the_same_id_and_closes_on_success() {
        let mock = Mock::new();
        let created = mock.verify_phone(PHONE).await;
        assert_eq!(created["status"], "success");
        assert_eq!(created["method"], "message");
        assert_eq!(created["channels"], json!(["sms"]));
        assert!(is_verification_id(&created["id"]), "{created}");
        assert!(created.get("reason").is_none() && created.get("risk_factors").is_none());
        let inbox = messages(&mock, PHONE).await;
        assert_eq!(inbox.len(), 1);
        assert_eq!(inbox[0]["verification_id"], created["id"]);
        assert_eq!(inbox[0]["code"], CODE);
        assert_eq!(inbox[0]["phone_number"], PHONE);
        assert_eq!(inbox[0]["channel"], "sms");
        assert_eq!(inbox[0]["content"], "Your verification code is 123456");
        assert!(is_rfc3339_millis(&inbox[0]["created_at"]));
        assert!(inbox[0].get("authentication_uuid").is_none());

        let retried = mock.verify_phone(PHONE).await;
        assert_eq!(retried["status"], "retry");
        assert_eq!(retried["id"], created["id"], "the same window");
        assert_ne!(retried["request_id"], created["request_id"]);
        let inbox = messages(&mock, PHONE).await;
        assert_eq!(inbox.len(), 2, "a new message for the retry");
        assert_eq!(inbox[1]["verification_id"], created["id"]);
        assert_eq!(inbox[1]["code"], CODE, "a retry resends the same code");

        let checked = mock.check2(PHONE, CODE).await;
        assert_eq!(checked["status"], "success");
        assert_eq!(checked["id"], created["id"]);
        assert!(checked["request_id"].as_str().is_some_and(|id| id.len() == 36));
        let again = mock.check2(PHONE, CODE).await;
        assert_eq!(again["status"], "expired_or_not_found", "the window closed");
        assert!(again.get("id").is_none());

        let fresh = mock.verify_phone(PHONE).await;
        assert_eq!(fresh["status"], "success", "a new window after a success");
        assert_ne!(fresh["id"], created["id"]);
        assert!(is_verification_id(&fresh["id"]));
    }

    async fn v2_messages_are_in_the_v2_inbox_only() {
        let mock = Mock::new();
        mock.create(PHONE).await;
        mock.verify_phone(PHONE).await;
        let v1 = mock.inbox().await;
        assert_eq!(v1.len(), 1, "/v1/_mock/messages keeps its shape: v1 messages only");
        assert!(v1[0]["authentication_uuid"].is_string());
        let all = mock.inbox2("").await;
        assert_eq!(all.len(), 2);
        assert!(all[0]["authentication_uuid"].is_string());
        assert!(all[1]["verification_id"].is_string());
        for query in ["?phone_number=+14155550123", "?phone_number=%2B14155550123", "?phone_number=14155550123"] {
            assert_eq!(mock.inbox2(query).await.len(), 2, "{query}");
        }
        assert!(mock.inbox2("?phone_number=%2B33612345678").await.is_empty());
    }

    async fn random_codes_have_the_asked_size() {
        let mock = Mock::with(Config::default());
        mock.verify(&with_options(PHONE, json!({"code_size": 8}))).await;
        mock.verify(&with_options("+33612345678", json!({}))).await;
        let inbox = mock.inbox2("").await;
        let eight = inbox[0]["code"].as_str().unwrap();
        assert_eq!(eight.len(), 8);
        assert!(eight.bytes().all(|c| c.is_ascii_digit()));
        assert_eq!(inbox[1]["code"].as_str().unwrap().len(), 6, "six digits by default");
        let wrong = if eight == "00000000" { "11111111" } else { "00000000" };
        assert_eq!(mock.check2(PHONE, wrong).await["status"], "failure");
        assert_eq!(mock.check2(PHONE, eight).await["status"], "success");
    }

    async fn a_fixed_code_wins_over_code_size_and_a_custom_code_over_both() {
        let mock = Mock::new();
        mock.verify(&with_options(PHONE, json!({"code_size": 4}))).await;
        assert_eq!(messages(&mock, PHONE).await[0]["code"], CODE, "--code keeps its value");
        let other = "+33612345678";
        mock.verify(&with_options(other, json!({"custom_code": "A1B2C3"}))).await;
        assert_eq!(messages(&mock, other).await[0]["code"], "A1B2C3");
        // A retry with another custom code sends (and expects) that one.
        let retry = mock.verify(&with_options(other, json!({"custom_code": "998877"}))).await;
        assert_eq!(retry["status"], "retry");
        assert_eq!(messages(&mock, other).await[1]["code"], "998877");
        assert_eq!(mock.check2(other, "A1B2C3").await["status"], "failure");
        assert_eq!(mock.check2(other, "998877").await["status"], "success");
    }

    async fn wrong_codes_count_and_close_the_window_at_the_limit() {
        let mock = mock_with(|c| c.max_check_attempts = 3);
        let id = mock.verify_phone(PHONE).await["id"].clone();
        for _ in 0..2 {
            let failed = mock.check2(PHONE, "000000").await;
            assert_eq!(failed["status"], "failure");
            assert_eq!(failed["id"], id);
        }
        assert_eq!(mock.check2(PHONE, "000000").await["status"], "failure", "the third wrong code");
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "expired_or_not_found", "closed at the limit");
        let fresh = mock.verify_phone(PHONE).await;
        assert_eq!(fresh["status"], "success");
        assert_ne!(fresh["id"], id);
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "success");
    }

    async fn the_attempt_limit_opens_a_new_window() {
        let mock = mock_with(|c| c.max_retries = 2);
        let first = mock.verify_phone(PHONE).await;
        assert_eq!(mock.verify_phone(PHONE).await["status"], "retry");
        assert_eq!(mock.verify_phone(PHONE).await["status"], "retry");
        let fourth = mock.verify_phone(PHONE).await;
        assert_eq!(fourth["status"], "success", "max_retries + 1 attempts per window");
        assert_ne!(fourth["id"], first["id"]);
        assert_eq!(messages(&mock, PHONE).await.len(), 4);
    }

    async fn a_window_expires() {
        let mock = mock_with(|c| c.expiry = Duration::from_millis(200));
        let first = mock.verify_phone(PHONE).await;
        tokio::time::sleep(Duration::from_millis(250)).await;
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "expired_or_not_found");
        let second = mock.verify_phone(PHONE).await;
        assert_eq!(second["status"], "success");
        assert_ne!(second["id"], first["id"]);
    }

    async fn checks_of_unknown_targets_and_other_targets() {
        let mock = Mock::new();
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "expired_or_not_found");
        mock.verify_phone(PHONE).await;
        assert_eq!(mock.check2("+14155550124", CODE).await["status"], "expired_or_not_found");
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "success");
    }

    async fn psd2_codes_need_the_same_transaction() {
        let mock = Mock::new();
        let variables = json!({"amount": "149.90", "currency": "EUR", "recipient": "Example Store SAS"});
        let body = with_options(PHONE, json!({"template_id": "prelude:psd2", "variables": variables}));
        let id = mock.verify(&body).await["id"].clone();
        let content = messages(&mock, PHONE).await[0]["content"].clone();
        assert_eq!(content, "Your code is 123456 to pay 149.90 EUR to Example Store SAS");
        let check = |psd2: Option<Value>| {
            let mut body = json!({"target": phone_target(PHONE), "code": CODE});
            if let Some(p) = psd2 {
                body["psd2"] = p;
            }
            body
        };
        let missing = mock.post2("/v2/verification/check", &check(None)).await.json();
        assert_eq!(missing["status"], "transaction_missing");
        assert_eq!(missing["id"], id);
        let other = json!({"amount": "1.00", "currency": "EUR", "recipient": "Example Store SAS"});
        let mismatch = mock.post2("/v2/verification/check", &check(Some(other))).await.json();
        assert_eq!(mismatch["status"], "transaction_mismatch");
        let right = mock.post2("/v2/verification/check", &check(Some(variables.clone()))).await.json();
        assert_eq!(right["status"], "success");

        // The psd2 block is ignored for other verifications.
        mock.verify_phone("+33612345678").await;
        let body = json!({"target": phone_target("+33612345678"), "code": CODE, "psd2": variables});
        assert_eq!(mock.post2("/v2/verification/check", &body).await.json()["status"], "success");
    }

    async fn metadata_is_echoed() {
        let mock = Mock::new();
        let body = json!({"target": phone_target(PHONE), "metadata": {"correlation_id": "signup-7f3c2a"}});
        let created = mock.verify(&body).await;
        assert_eq!(created["metadata"], json!({"correlation_id": "signup-7f3c2a"}));
        let retried = mock.verify_phone(PHONE).await;
        assert_eq!(retried["metadata"], json!({"correlation_id": "signup-7f3c2a"}), "the window's metadata");
        let checked = mock.check2(PHONE, CODE).await;
        assert_eq!(checked["metadata"], json!({"correlation_id": "signup-7f3c2a"}));
        let plain = mock.verify_phone("+33612345678").await;
        assert!(plain.get("metadata").is_none(), "absent, never null: {plain}");
    }

    async fn methods_and_channels() {
        let mock = Mock::new();
        let listed = mock.verify(&with_options(PHONE, json!({"channels": ["whatsapp", "sms"]}))).await;
        assert_eq!(listed["channels"], json!(["whatsapp", "sms"]));
        assert_eq!(messages(&mock, PHONE).await[0]["channel"], "whatsapp");
        // Channels are fixed at creation: a retry asking for others keeps them.
        let retried = mock.verify(&with_options(PHONE, json!({"channels": ["viber"]}))).await;
        assert_eq!(retried["channels"], json!(["whatsapp", "sms"]));

        let preferred = mock.verify(&with_options("+33612345678", json!({"preferred_channel": "telegram"}))).await;
        assert_eq!(preferred["channels"], json!(["telegram", "sms"]));
        let voice = mock.verify(&with_options("+447700900123", json!({"method": "voice"}))).await;
        assert_eq!((voice["method"].as_str(), voice["channels"].clone()), (Some("voice"), json!(["voice"])));
        let auto = mock.verify(&with_options("+34612345678", json!({"method": "auto"}))).await;
        assert_eq!(auto["method"], "message");
        let zalo = mock.verify(&with_options("+84912345678", json!({"channels": ["zalo"]}))).await;
        assert_eq!(zalo["channels"], json!(["zalo"]), "zalo is active in Vietnam");
    }

    async fn e_mail_targets() {
        let mock = Mock::new();
        let target = json!({"type": "email_address", "value": "Jane.Doe@example.com"});
        let created = mock.verify(&json!({"target": target})).await;
        assert_eq!(created["status"], "success");
        assert_eq!(created["method"], "email");
        assert!(created.get("channels").is_none());
        let inbox = mock.inbox2("?email_address=Jane.Doe%40example.com").await;
        assert_eq!(inbox.len(), 1);
        assert_eq!(inbox[0]["channel"], "email");
        assert!(inbox[0].get("phone_number").is_none());
        let lower = json!({"target": {"type": "email_address", "value": "jane.doe@example.com"}, "code": CODE});
        let checked = mock.post2("/v2/verification/check", &lower).await.json();
        assert_eq!(checked["status"], "success", "addresses match without regard to case");
    }

    async fn each_blocked_reason_through_its_magic_input() {
        let mock = Mock::new();
        let block = json!({"phone_number": "+14155550999"});
        mock.v2(Method::POST, "/v2/verification/management/phone-numbers/block", Some(&block), &[]).await;
        let cases: Vec<(Value, &str, Value)> = vec![
            (json!({"target": phone_target("+14155550999")}), "in_block_list", json!(null)),
            (json!({"target": phone_target("+14155550666")}), "suspicious", json!(magic::SUSPICIOUS_FACTORS)),
            (json!({"target": phone_target("+18005550123")}), "invalid_phone_line", json!(null)),
            (json!({"target": phone_target("+33142345678")}), "invalid_phone_line", json!(null)),
            (json!({"target": phone_target("+19995550123")}), "invalid_phone_number", json!(null)),
            (
                json!({"target": phone_target(PHONE), "dispatch_id": magic::EXPIRED_SIGNATURE_DISPATCH}),
                "expired_signature",
                json!(null),
            ),
            (
                json!({"target": phone_target(PHONE), "dispatch_id": magic::INVALID_SIGNATURE_DISPATCH}),
                "invalid_signature",
                json!(["suspected_request_tampering"]),
            ),
        ];
        for (body, reason, factors) in cases {
            let answer = mock.verify(&body).await;
            assert_eq!(answer["status"], "blocked", "{body}");
            assert_eq!(answer["reason"], reason, "{body}");
            assert_eq!(answer.get("risk_factors").cloned().unwrap_or(Value::Null), factors, "{body}");
            assert!(is_verification_id(&answer["id"]));
            assert_eq!(answer["method"], "message");
        }
        assert!(mock.inbox2("").await.is_empty(), "nothing was sent");
        assert_eq!(mock.check2("+14155550666", CODE).await["status"], "expired_or_not_found");
        // A landline can take a voice call.
        let voice = mock.verify(&with_options("+33142345678", json!({"method": "voice"}))).await;
        assert_eq!(voice["status"], "success");
    }

    async fn repeated_attempts_block_the_eleventh_send_in_an_hour() {
        let mock = mock_with(|c| c.max_retries = 100);
        for i in 0..magic::REPEATED_LIMIT {
            let status = mock.verify_phone(PHONE).await["status"].clone();
            assert_eq!(status, if i == 0 { "success" } else { "retry" });
        }
        let limited = mock.verify_phone(PHONE).await;
        assert_eq!(limited["status"], "blocked");
        assert_eq!(limited["reason"], "repeated_attempts");
        assert_eq!(limited["risk_factors"], json!(["behavioral_pattern"]));
        assert_eq!(messages(&mock, PHONE).await.len(), magic::REPEATED_LIMIT);
        assert_eq!(mock.verify_phone("+14155550124").await["status"], "success", "per target");
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "success", "the open window still works");
        mock.call(Method::POST, "/v2/_mock/reset", &[], "").await;
        assert_eq!(mock.verify_phone(PHONE).await["status"], "success", "reset clears the count");
    }

    async fn shadow_blocked_still_sends() {
        let mock = Mock::new();
        let phone = "+14155550667";
        let answer = mock.verify_phone(phone).await;
        assert_eq!(answer["status"], "shadow_blocked");
        assert_eq!(answer["reason"], "suspicious");
        assert_eq!(answer["risk_factors"], json!(magic::SHADOW_FACTORS));
        assert_eq!(messages(&mock, phone).await.len(), 1, "a dry-run rule does not stop the message");
        assert_eq!(mock.check2(phone, CODE).await["status"], "success");
    }

    async fn force_challenge_uses_challenge_safe_channels() {
        let mock = Mock::new();
        let answer = mock.verify(&with_options(PHONE, json!({"force_challenge": true}))).await;
        assert_eq!(answer["status"], "challenged");
        assert_eq!(answer["channels"], json!(["whatsapp"]));
        let listed = mock.verify(&with_options("+33612345678", json!({"force_challenge": true, "channels": ["sms", "rcs"]}))).await;
        assert_eq!(listed["channels"], json!(["rcs"]));
        assert_eq!(messages(&mock, PHONE).await[0]["channel"], "whatsapp");
        assert_eq!(mock.check2(PHONE, CODE).await["status"], "success");
    }

    async fn the_allow_list_bypasses_anti_fraud_and_the_block_list_wins() {
        let mock = Mock::new();
        let path = "/v2/verification/management/phone-numbers/allow";
        for phone in ["+14155550666", "+18005550123", "+19995550123"] {
            mock.v2(Method::POST, path, Some(&json!({"phone_number": phone})), &[]).await;
            assert_eq!(mock.verify_phone(phone).await["status"], "success", "{phone}");
        }
        let body = json!({"target": phone_target("+14155550666"), "dispatch_id": magic::INVALID_SIGNATURE_DISPATCH});
        assert_eq!(mock.verify(&body).await["reason"], "invalid_signature", "signatures are not anti-fraud rules");
        let both = json!({"phone_number": "+14155550666"});
        mock.v2(Method::POST, "/v2/verification/management/phone-numbers/block", Some(&both), &[]).await;
        assert_eq!(mock.verify_phone("+14155550666").await["reason"], "in_block_list");
        mock.v2(Method::DELETE, path, Some(&both), &[]).await;
        mock.v2(Method::DELETE, "/v2/verification/management/phone-numbers/block", Some(&both), &[]).await;
        assert_eq!(mock.verify_phone("+14155550666").await["reason"], "suspicious", "off both lists");
    }

    async fn the_same_seed_gives_the_same_ids() {
        let a = mock_with(|c| c.seed = Some(7));
        let b = mock_with(|c| c.seed = Some(7));
        let c = mock_with(|c| c.seed = Some(8));
        let (ia, ib, ic) = (a.verify_phone(PHONE).await, b.verify_phone(PHONE).await, c.verify_phone(PHONE).await);
        assert_eq!(ia["id"].as_str().map(|s| &s[14..]), ib["id"].as_str().map(|s| &s[14..]), "random part");
        assert_eq!(ia["request_id"], ib["request_id"]);
        assert_ne!(ia["request_id"], ic["request_id"]);
    }
}
