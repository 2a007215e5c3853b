//! Example tables for the claim rules (own German sentences).

use crate::{Document, Pipeline, Stages};
