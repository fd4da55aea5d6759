//! Settings of one mock server and the parsing of its command line.

use std::time::Duration;

use crate::faults::FaultSpec;

/// Text printed by `--help` (and after a command-line error).
pub const USAGE: &str = "\
Usage: ding-mock [OPTIONS]

A local, stateful mock of the Ding OTP v1 API (base path /v1) and of the
Prelude v2 API (base path /v2) on the same port.

Options:
  --host HOST                 address to bind (default 127.0.0.1)
  --port PORT                 port to bind, 0 picks a free one (default 8787)
  --code DIGITS               fixed OTP for every authentication (4 to 10 digits;
                              also read from DING_MOCK_CODE); random 6 digits otherwise
  --api-key KEY               only this x-api-key (v1, others get 403) or bearer
                              token (v2, others get 401) is accepted; without it
                              any non-empty key is accepted
  --retry-window-secs SECS    wait between two approved retries (default 30)
  --max-retries N             retries allowed per authentication, and per v2
                              verification window (N + 1 attempts) (default 3)
  --expiry-secs SECS          lifetime of an authentication or of a v2 window
                              (default 600)
  --max-check-attempts N      wrong checks before checks are rate limited, or
                              before a v2 verification closes (default 5)
  --seed N                    seed of the mock's random ids, codes and webhook key
                              (default: from the OS), for reproducible runs
  --fault SPEC                fault applied to every API request (see README)
  -h, --help                  print this help

On start it prints one line to stdout: ding-mock listening on http://HOST:PORT/v1
";

/// Everything a mock server needs to know; [`Config::default`] gives the
/// documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Address to bind.
    pub host: String,
    /// Port to bind; 0 lets the system pick a free one.
    pub port: u16,
    /// Fixed OTP for every authentication; a random 6-digit code when `None`.
    pub code: Option<String>,
    /// The only accepted `x-api-key`; any non-empty key when `None`.
    pub api_key: Option<String>,
    /// Time between the start of an authentication (or an approved retry)
    /// and the next retry that can be approved.
    pub retry_window: Duration,
    /// Number of retries each authentication allows.
    pub max_retries: u32,
    /// Lifetime of an authentication.
    pub expiry: Duration,
    /// Wrong checks after which every check answers `rate_limited`.
    pub max_check_attempts: u32,
    /// Fault applied to every API request (a request header can add to it).
    pub fault: FaultSpec,
    /// Seed of the random ids, codes and webhook key; the host picks one
    /// from the OS when `None`.
    pub seed: Option<u64>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 8787,
            code: None,
            api_key: None,
            retry_window: Duration::from_secs(30),
            max_retries: 3,
            expiry: Duration::from_secs(600),
            max_check_attempts: 5,
            fault: FaultSpec::default(),
            seed: None,
        }
    }
}

impl Config {
    /// The command line that gives this configuration: the exact inverse of
    /// [`parse_args`], so `parse_args(config.to_args(), None)` answers
    /// `Command::Run(config)` for every configuration `parse_args` can
    /// give (not, say, a `code` of letters or an empty `api_key`, which it
    /// refuses). Every field is written, the optional ones only when set,
    /// each flag and its value as two arguments (`["--port", "0", ...]`).
    /// Hosts that take the native mock's options (the sandbox's
    /// `ding-otp-mock` command) can be started from a `Config` with it.
    pub fn to_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let mut flag = |name: &str, value: String| {
            args.push(name.to_owned());
            args.push(value);
        };
        flag("--host", self.host.clone());
        flag("--port", self.port.to_string());
        if let Some(code) = &self.code {
            flag("--code", code.clone());
        }
        if let Some(key) = &self.api_key {
            flag("--api-key", key.clone());
        }
        flag("--retry-window-secs", seconds_text(self.retry_window));
        flag("--max-retries", self.max_retries.to_string());
        flag("--expiry-secs", seconds_text(self.expiry));
        flag("--max-check-attempts", self.max_check_attempts.to_string());
        if self.fault != FaultSpec::default() {
            flag("--fault", self.fault.to_spec());
        }
        if let Some(seed) = self.seed {
            flag("--seed", seed.to_string());
        }
        args
    }
}

/// A duration as exact decimal seconds (`30`, `0.5`, `0.000000001`), which
/// [`seconds`] reads back as the same duration.
fn seconds_text(duration: Duration) -> String {
    let nanos = duration.subsec_nanos();
    if nanos == 0 {
        return duration.as_secs().to_string();
    }
    let fraction = format!("{nanos:09}");
    format!("{}.{}", duration.as_secs(), fraction.trim_end_matches('0'))
}

/// A duration in whole milliseconds, saturating at `u64::MAX`.
pub fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Serve with this configuration.
    Run(Box<Config>),
    /// Print [`USAGE`] and exit.
    Help,
}

/// Parses the command-line arguments (without the program name).
///
/// `env_code` is the value of `DING_MOCK_CODE`; `--code` wins over it.
/// Options take their value as the next argument or after `=`
/// (`--port 0`, `--port=0`).
///
/// # Errors
/// A message naming the unknown option or the bad value.
pub fn parse_args<I>(args: I, env_code: Option<String>) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut config = Config::default();
    if let Some(code) = env_code.filter(|c| !c.is_empty()) {
        config.code = Some(parse_code(&code)?);
    }
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        let value = match inline.or_else(|| args.next()) {
            Some(value) => value,
            None => return Err(format!("{name} needs a value")),
        };
        match name.as_str() {
            "--host" => config.host = value,
            "--port" => config.port = number(&name, &value)?,
            "--code" => config.code = Some(parse_code(&value)?),
            "--api-key" if !value.is_empty() => config.api_key = Some(value),
            "--retry-window-secs" => config.retry_window = seconds(&name, &value)?,
            "--max-retries" => config.max_retries = number(&name, &value)?,
            "--expiry-secs" => config.expiry = seconds(&name, &value)?,
            "--max-check-attempts" => config.max_check_attempts = number(&name, &value)?,
            "--seed" => config.seed = Some(number(&name, &value)?),
            "--fault" => {
                config.fault = FaultSpec::parse(&value).map_err(|e| format!("--fault: {e}"))?;
            }
            _ => return Err(format!("unknown option or empty value: {name}")),
        }
    }
    Ok(Command::Run(Box::new(config)))
}

/// An OTP given by `--code` or `DING_MOCK_CODE`: 4 to 10 ASCII digits.
fn parse_code(code: &str) -> Result<String, String> {
    if (4..=10).contains(&code.len()) && code.bytes().all(|c| c.is_ascii_digit()) {
        Ok(code.to_owned())
    } else {
        Err(format!("the code must be 4 to 10 digits, got {code:?}"))
    }
}

fn number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String> {
    value.parse().map_err(|_| format!("{name} expects a whole number, got {value:?}"))
}

/// A duration in seconds; fractions are allowed (`0.5`).
fn seconds(name: &str, value: &str) -> Result<Duration, String> {
    value
        .parse::<f64>()
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("{name} expects a number of seconds, got {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: Option<&str>) -> Result<Config, String> {
        let args = args.iter().map(|a| (*a).to_owned());
        match parse_args(args, env.map(str::to_owned))? {
            Command::Run(config) => Ok(*config),
            Command::Help => Err("help".to_owned()),
        }
    }

    #[test]
    fn defaults_without_arguments() {
        let config = run(&[], None).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.port, 8787);
        assert_eq!(config.retry_window, Duration::from_secs(30));
    }

    #[test]
    fn every_option_in_both_spellings() {
        let config = run(
            &[
                "--host=0.0.0.0",
                "--port",
                "0",
                "--code=000123",
                "--api-key",
                "sk_test",
                "--retry-window-secs",
                "0.5",
                "--max-retries=1",
                "--expiry-secs",
                "2",
                "--max-check-attempts",
                "7",
                "--fault",
                "status=503;key=a;times=2",
                "--seed=42",
            ],
            None,
        )
        .unwrap();
        assert_eq!(config.host, "0.0.0.0");
        assert_eq!(config.port, 0);
        assert_eq!(config.code.as_deref(), Some("000123"));
        assert_eq!(config.api_key.as_deref(), Some("sk_test"));
        assert_eq!(config.retry_window, Duration::from_millis(500));
        assert_eq!(config.max_retries, 1);
        assert_eq!(config.expiry, Duration::from_secs(2));
        assert_eq!(config.max_check_attempts, 7);
        assert_eq!(config.fault, FaultSpec::parse("status=503;key=a;times=2").unwrap());
        assert_eq!(config.seed, Some(42));
    }

    /// `parse_args(config.to_args())`, which must be `config` itself.
    fn round_trip(config: &Config) {
        let args = config.to_args();
        match parse_args(args.clone(), None) {
            Ok(Command::Run(parsed)) => assert_eq!(*parsed, *config, "{args:?}"),
            other => panic!("{args:?} gave {other:?}"),
        }
    }

    #[test]
    fn to_args_is_the_inverse_of_parse_args() {
        let defaults = Config::default();
        round_trip(&defaults);
        // Every field on its own, then all of them at once.
        let every = Config {
            host: "0.0.0.0".to_owned(),
            port: 0,
            code: Some("000123".to_owned()),
            api_key: Some("sk_test with spaces=and;signs".to_owned()),
            retry_window: Duration::from_millis(500),
            max_retries: 0,
            expiry: Duration::new(2, 1),
            max_check_attempts: u32::MAX,
            fault: FaultSpec::parse(
                "delay=5;late=6;status=503;retry-after=Wed, 21 Oct 2015 07:28:00 GMT;retry-after-ms=7;\
                 body=bad-event;location=http://127.0.0.1:9/x;key=a=b;times=2;drop;echo-key",
            )
            .unwrap(),
            seed: Some(u64::MAX),
        };
        let fields: [fn(&mut Config, &Config); 10] = [
            |c, e| c.host = e.host.clone(),
            |c, e| c.port = e.port,
            |c, e| c.code = e.code.clone(),
            |c, e| c.api_key = e.api_key.clone(),
            |c, e| c.retry_window = e.retry_window,
            |c, e| c.max_retries = e.max_retries,
            |c, e| c.expiry = e.expiry,
            |c, e| c.max_check_attempts = e.max_check_attempts,
            |c, e| c.fault = e.fault.clone(),
            |c, e| c.seed = e.seed,
        ];
        for set in fields {
            let mut config = defaults.clone();
            set(&mut config, &every);
            assert_ne!(config, defaults, "each field differs from its default");
            round_trip(&config);
        }
        round_trip(&every);
        let args = every.to_args();
        assert_eq!(args[..4], ["--host", "0.0.0.0", "--port", "0"]);
        assert!(args.windows(2).any(|w| w == ["--seed", "18446744073709551615"]), "{args:?}");
        assert!(!defaults.to_args().contains(&"--fault".to_owned()), "no fault, no --fault");
        assert!(!defaults.to_args().contains(&"--seed".to_owned()), "no seed, no --seed");

        // Durations: whatever `--*-secs` can give comes back the same.
        for text in ["0", "0.5", "30", "600", "0.000000001", "1.999999999", "0.1", "1e-3", "123456.789", "1e15"] {
            let config = run(&["--expiry-secs", text, "--retry-window-secs", text], None).unwrap();
            round_trip(&config);
        }
        assert_eq!(seconds_text(Duration::from_millis(1500)), "1.5");
        assert_eq!(seconds_text(Duration::from_secs(30)), "30");
        assert_eq!(seconds_text(Duration::from_nanos(10)), "0.00000001");
        // From the command line and back: the same configuration.
        let given = ["--port=0", "--code", "4242", "--fault", "status=500;key=all;times=1", "--seed=7"];
        let config = run(&given, None).unwrap();
        round_trip(&config);
    }

    #[test]
    fn code_from_env_unless_given() {
        assert_eq!(run(&[], Some("4242")).unwrap().code.as_deref(), Some("4242"));
        let config = run(&["--code", "9999"], Some("4242")).unwrap();
        assert_eq!(config.code.as_deref(), Some("9999"));
        assert_eq!(run(&[], Some("")).unwrap().code, None);
    }

    #[test]
    fn help_and_errors() {
        assert_eq!(run(&["--port", "1", "--help"], None), Err("help".to_owned()));
        assert_eq!(run(&["-h"], None), Err("help".to_owned()));
        assert!(run(&["--port"], None).unwrap_err().contains("needs a value"));
        assert!(run(&["--port", "x"], None).unwrap_err().contains("whole number"));
        assert!(run(&["--bogus", "1"], None).unwrap_err().contains("--bogus"));
        assert!(run(&["--code", "12a4"], None).unwrap_err().contains("digits"));
        assert!(run(&[], Some("12")).unwrap_err().contains("digits"));
        assert!(run(&["--expiry-secs", "-1"], None).unwrap_err().contains("seconds"));
        assert!(run(&["--fault", "explode"], None).unwrap_err().starts_with("--fault"));
        assert!(run(&["--api-key="], None).is_err());
    }
}
