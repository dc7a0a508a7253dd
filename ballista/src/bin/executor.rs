//! `ahp-fce-executor --model MODEL [--port 50051] [--grpc-port 50052] [--scheduler-host
//! 127.0.0.1] [--scheduler-port 50050] [--bind-host 127.0.0.1] [--work-dir DIR]
//! [--exit-after S]`: Ballista's executor, the model's functions in its registry.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use ahp_fce_ballista::{exit_status, function_registry, functions, run_bounded, Failure, Options};
use ballista_executor::executor_process::{start_executor_process, ExecutorProcessConfig};

#[tokio::main]
async fn main() -> ExitCode {
    exit_status(run().await)
}

async fn run() -> Result<(), Failure> {
    let options = Options::parse(
        std::env::args().skip(1),
        &[
            "model",
            "port",
            "grpc-port",
            "scheduler-host",
            "scheduler-port",
            "bind-host",
            "work-dir",
            "exit-after",
        ],
    )?;
    let functions = functions(Path::new(options.required("model")?))?;
    let bind_host = options.get("bind-host").unwrap_or("127.0.0.1").to_owned();
    let config = ExecutorProcessConfig {
        external_host: Some(bind_host.clone()),
        bind_host,
        port: options.port("port", 50051)?,
        grpc_port: options.port("grpc-port", 50052)?,
        scheduler_host: options
            .get("scheduler-host")
            .unwrap_or("127.0.0.1")
            .to_owned(),
        scheduler_port: options.port("scheduler-port", 50050)?,
        work_dir: options.get("work-dir").map(str::to_owned),
        override_function_registry: Some(Arc::new(function_registry(&functions))),
        ..ExecutorProcessConfig::default()
    };
    run_bounded(
        start_executor_process(Arc::new(config)),
        options.exit_after()?,
    )
    .await
}
