/* cs-error.c
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <openssl/err.h>

#include "cs-error.h"

G_DEFINE_QUARK (cs-error-quark, cs_error)

/**
 * cs_error_set_from_openssl:
 * @error: (nullable): return location for a #GError
 * @code: a #CsError code
 * @what: what was being done, in plain words ("Could not generate the key pair")
 *
 * Sets @error to @what, followed by the reason OpenSSL gives (its innermost
 * error), and clears OpenSSL's thread-local error queue so that a later
 * operation does not report a stale reason.
 */
void
cs_error_set_from_openssl (GError     **error,
                           gint         code,
                           const char  *what)
{
  unsigned long err;
  unsigned long last = 0;
  char reason[256];

  while ((err = ERR_get_error ()) != 0)
    last = err;

  if (last == 0)
    {
      g_set_error_literal (error, CS_ERROR, code, what);
      return;
    }

  ERR_error_string_n (last, reason, sizeof reason);
  g_set_error (error, CS_ERROR, code, "%s (%s)", what, ERR_reason_error_string (last) ? ERR_reason_error_string (last) : reason);
}
