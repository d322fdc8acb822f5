//! The Python module `flowclass._flowclass`: flowclass's extraction, classification, training
//! and evaluation for Python, with results as Arrow tables. The work runs with the GIL released;
//! `flowclass/__init__.py` wraps these functions with the policy for failed captures (raise or
//! warn) and the documented signatures.

mod config;
mod models;
mod read;
mod tables;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    flowclass,
    CaptureError,
    PyValueError,
    "A capture could not be read (to the end); the message is the one the command line prints."
);
create_exception!(
    flowclass,
    ModelError,
    PyValueError,
    "A model file could not be loaded or does not fit this flowclass's features."
);

#[pymodule]
fn _flowclass(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("CaptureError", py.get_type::<CaptureError>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add_class::<models::PyModel>()?;
    m.add_function(wrap_pyfunction!(tables::extract, m)?)?;
    m.add_function(wrap_pyfunction!(tables::classify, m)?)?;
    m.add_function(wrap_pyfunction!(config::features, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
