/* cs-error.h
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CS_ERROR (cs_error_quark ())

/**
 * CsError:
 * @CS_ERROR_FAILED: an error with no more specific code
 * @CS_ERROR_CRYPTO: OpenSSL refused an operation; the message says which
 * @CS_ERROR_CANCELLED: never used: cancellation is %G_IO_ERROR_CANCELLED
 * @CS_ERROR_INVALID_FIELD: a field of a form is invalid; the message names it
 * @CS_ERROR_INVALID_KEY: a key could not be read, or is of an unsupported type
 * @CS_ERROR_INVALID_CSR: a certificate request could not be read
 * @CS_ERROR_INVALID_CERTIFICATE: an uploaded file is not a usable certificate
 * @CS_ERROR_TOO_LARGE: an input exceeds its size limit
 * @CS_ERROR_WRONG_STATE: the operation does not apply in the record's state
 * @CS_ERROR_NOT_FOUND: no record has that name or id
 * @CS_ERROR_DUPLICATE_NAME: another record already has that name
 * @CS_ERROR_RULE: a rule of the store forbids the change
 * @CS_ERROR_STORE_DAMAGED: the database fails its integrity check or is no database
 * @CS_ERROR_STORE_NEWER: the database was written by a newer Chainsmith
 * @CS_ERROR_STORE_LOCKED: another process holds the database
 * @CS_ERROR_STORE_FULL: the disk is full
 * @CS_ERROR_STORE_IO: the database could not be read or written
 * @CS_ERROR_DEPLOY: the deploy bundle could not be written
 *
 * Error codes of the %CS_ERROR domain: one per cause, so that callers and
 * tests can tell them apart.
 */
typedef enum
{
  CS_ERROR_FAILED,
  CS_ERROR_CRYPTO,
  CS_ERROR_CANCELLED,
  CS_ERROR_INVALID_FIELD,
  CS_ERROR_INVALID_KEY,
  CS_ERROR_INVALID_CSR,
  CS_ERROR_INVALID_CERTIFICATE,
  CS_ERROR_TOO_LARGE,
  CS_ERROR_WRONG_STATE,
  CS_ERROR_NOT_FOUND,
  CS_ERROR_DUPLICATE_NAME,
  CS_ERROR_RULE,
  CS_ERROR_STORE_DAMAGED,
  CS_ERROR_STORE_NEWER,
  CS_ERROR_STORE_LOCKED,
  CS_ERROR_STORE_FULL,
  CS_ERROR_STORE_IO,
  CS_ERROR_DEPLOY,
} CsError;

GQuark cs_error_quark (void);

void   cs_error_set_from_openssl (GError     **error,
                                  gint         code,
                                  const char  *what);

G_END_DECLS
