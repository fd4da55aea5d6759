//! ding-otp
