//! The `ding-mock` binary: parses the command line, binds, prints the
//! address line that scripts wait for, and serves until Ctrl-C or SIGTERM.

use std::io::{self, Write};
use std::process::ExitCode;

use ding_mock::{app, parse_args, Command, Config, USAGE};
use tokio::net::TcpListener;

fn main() -> ExitCode {
    let env_code = std::env::var("DING_MOCK_CODE").ok();
    let config = match parse_args(std::env::args().skip(1), env_code) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("ding-mock: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let served = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .and_then(|runtime| runtime.block_on(serve(config)));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ding-mock: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Binds, announces the base URL on stdout and serves until a stop signal.
async fn serve(config: Config) -> io::Result<()> {
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "ding-mock listening on http://{addr}/v1")?;
    stdout.flush()?;
    drop(stdout);
    axum::serve(listener, app(config)).with_graceful_shutdown(stop_signal()).await
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
