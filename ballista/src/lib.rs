//! Fuzzy comprehensive evaluation across machines on
//! [Ballista](https://datafusion.apache.org/ballista/), DataFusion's distributed scheduler.
//!
//! Ballista plans a query on its scheduler and runs its stages on executors; a scalar
//! function travels in the plan by name, and every process resolves the name in its own
//! function registry. So every process must know the model's functions
//! ([`ahp_fce_datafusion::FceFunctions`]), built from the same model file:
//!
//! - `ahp-fce-scheduler --model MODEL [--port 50050]`: Ballista's scheduler with a session
//!   builder that registers the functions ([`session_state`]);
//! - `ahp-fce-executor --model MODEL [--port 50051 --grpc-port 50052 --scheduler-port 50050]`:
//!   Ballista's executor with the functions in its registry ([`function_registry`]);
//! - a client connects with `SessionContext::remote_with_state` and a [`session_state`] of
//!   its own (the example `cluster_sql`).
//!
//! Both binaries take `--exit-after SECONDS`, so a process started for a bounded job (a test)
//! stops by itself. `docs/distributed.md` has the deployment guide.

#![deny(missing_docs)]

use std::collections::HashMap;
use std::error::Error;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ahp_fce::model::Model;
use ahp_fce_datafusion::FceFunctions;
use ballista_core::registry::BallistaFunctionRegistry;
use datafusion::execution::{FunctionRegistry, SessionState};
use datafusion::prelude::SessionConfig;

/// A failure of a process of the cluster, for its message.
pub type Failure = Box<dyn Error + Send + Sync>;

/// The exit status of a process of the cluster: success, or failure with the error on
/// standard error.
pub fn exit_status(result: Result<(), Failure>) -> std::process::ExitCode {
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The functions of the model file at `path`.
///
/// # Errors
/// The model's error (with its place in the file), or a model without grades.
pub fn functions(path: &Path) -> Result<FceFunctions, Failure> {
    let model = Model::load(path).map_err(|e| format!("{}: {e}", path.display()))?;
    FceFunctions::from_model(&model).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// Ballista's default session state for `config`, with the model's functions registered:
/// the scheduler's session builder, and the client's state.
///
/// # Errors
/// As Ballista's default session builder.
pub fn session_state(
    config: SessionConfig,
    functions: &FceFunctions,
) -> datafusion::common::Result<SessionState> {
    let mut state = ballista_core::utils::default_session_builder(config)?;
    for udf in functions.udfs() {
        state.register_udf(Arc::new(udf))?;
    }
    Ok(state)
}

/// Ballista's default function registry with the model's functions added: the executor's.
pub fn function_registry(functions: &FceFunctions) -> BallistaFunctionRegistry {
    let mut registry = BallistaFunctionRegistry::default();
    for udf in functions.udfs() {
        registry
            .scalar_functions
            .insert(udf.name().to_owned(), Arc::new(udf));
    }
    registry
}

/// Command-line options of the form `--name value`.
#[derive(Debug)]
pub struct Options {
    values: HashMap<String, String>,
}

impl Options {
    /// Reads `arguments`, accepting only the names in `known` (without `--`).
    ///
    /// # Errors
    /// An unknown option, or one without a value.
    pub fn parse(
        arguments: impl IntoIterator<Item = String>,
        known: &[&str],
    ) -> Result<Self, Failure> {
        let mut values = HashMap::new();
        let mut arguments = arguments.into_iter();
        while let Some(argument) = arguments.next() {
            let name = argument
                .strip_prefix("--")
                .filter(|name| known.contains(name))
                .ok_or_else(|| {
                    format!(
                        "unknown argument `{argument}`; the options are --{}",
                        known.join(", --")
                    )
                })?;
            let value = arguments
                .next()
                .ok_or_else(|| format!("--{name} needs a value"))?;
            values.insert(name.to_owned(), value);
        }
        Ok(Self { values })
    }

    /// The option's value, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// The option's value, which must be given.
    ///
    /// # Errors
    /// When it was not given.
    pub fn required(&self, name: &str) -> Result<&str, Failure> {
        self.get(name)
            .ok_or_else(|| format!("--{name} is required").into())
    }

    /// A port, or `default` when not given.
    ///
    /// # Errors
    /// A value that is not a port number.
    pub fn port(&self, name: &str, default: u16) -> Result<u16, Failure> {
        self.get(name).map_or(Ok(default), |value| {
            value
                .parse()
                .map_err(|_| format!("--{name} must be a port number, not `{value}`").into())
        })
    }

    /// `--exit-after SECONDS`, when given.
    ///
    /// # Errors
    /// A value that is not a number of seconds.
    pub fn exit_after(&self) -> Result<Option<Duration>, Failure> {
        self.get("exit-after")
            .map(|value| {
                value
                    .parse()
                    .map(Duration::from_secs)
                    .map_err(|_| format!("--exit-after must be seconds, not `{value}`").into())
            })
            .transpose()
    }
}

/// Runs `server` until it ends or, when `limit` is given, for that long at most.
///
/// # Errors
/// The server's error.
pub async fn run_bounded<F, E>(server: F, limit: Option<Duration>) -> Result<(), Failure>
where
    F: std::future::Future<Output = Result<(), E>>,
    E: Into<Failure>,
{
    match limit {
        None => server.await.map_err(Into::into),
        Some(limit) => match tokio::time::timeout(limit, server).await {
            Ok(result) => result.map_err(Into::into),
            Err(_) => Ok(()),
        },
    }
}

/// A client session on the scheduler at `url` (`df://HOST:PORT`) whose SQL knows the model's
/// functions; queries run on the cluster's executors.
///
/// # Errors
/// As Ballista's `SessionContext::remote_with_state`.
pub async fn connect(
    url: &str,
    functions: &FceFunctions,
) -> datafusion::common::Result<datafusion::prelude::SessionContext> {
    use ballista::prelude::SessionContextExt;
    use ballista_core::extension::SessionConfigExt;
    let state = session_state(SessionConfig::new_with_ballista(), functions)?;
    let ctx = datafusion::prelude::SessionContext::remote_with_state(url, state).await?;
    // Ballista's upgrade of the state for a remote scheduler sets its own list of scalar
    // functions, so the model's are registered again on the session it gives.
    functions.register(&ctx);
    Ok(ctx)
}
