//! Tests of `App::apply`: navigation, flows, filters, search, jumps, reloads.
