//! `ahp-fce-scheduler --model MODEL [--port 50050] [--bind-host 127.0.0.1] [--exit-after S]`:
//! Ballista's scheduler, its sessions knowing the model's functions.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use ahp_fce_ballista::{exit_status, functions, run_bounded, session_state, Failure, Options};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;

#[tokio::main]
async fn main() -> ExitCode {
    exit_status(run().await)
}

async fn run() -> Result<(), Failure> {
    let options = Options::parse(
        std::env::args().skip(1),
        &["model", "port", "bind-host", "exit-after"],
    )?;
    let functions = Arc::new(functions(Path::new(options.required("model")?))?);
    let port = options.port("port", 50050)?;
    let host = options.get("bind-host").unwrap_or("127.0.0.1").to_owned();
    let config = SchedulerConfig {
        bind_host: host.clone(),
        bind_port: port,
        external_host: host.clone(),
        ..SchedulerConfig::default()
    }
    .with_override_session_builder(Arc::new(move |session| session_state(session, &functions)));
    let address = format!("{host}:{port}").parse()?;
    let cluster = BallistaCluster::new_from_config(&config).await?;
    run_bounded(
        start_server(cluster, address, Arc::new(config)),
        options.exit_after()?,
    )
    .await
}
