/* cs-test-store.h — helpers for the tests of the store
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cs-store.h"

G_BEGIN_DECLS

/* A new store on @path (NULL: the default path), opened with the _sync API. */
CsStore  *cs_test_store_open        (const char  *path);

/* Creates an enabled record named @name. */
CsRecord *cs_test_store_add         (CsStore     *store,
                                     const char  *name);

/* A subject with CN = @cn, O and C set. */
CsSubject *cs_test_store_subject    (const char  *cn);

/* Makes the root CA "root" (root.key, root.pem) and the issuing CA
 * "issuing" signed by it, once per test process. */
void      cs_test_store_make_pki    (void);

/* Takes @record through keygen (P-256) and CSR (pathlen 0). */
void      cs_test_store_add_csr     (CsStore     *store,
                                     CsRecord    *record);

/* Signs the stored CSR of @record with the CA @ca (the openssl command) and
 * returns the certificate's file name (in the test's folder). */
char     *cs_test_store_sign        (CsStore     *store,
                                     CsRecord    *record,
                                     const char  *ca);

/* Takes @record to CERT_READY: key, CSR signed by "issuing", upload, chain
 * (issuing.pem + root.pem), finalize. */
void      cs_test_store_make_ready  (CsStore     *store,
                                     CsRecord    *record);

/* Creates and readies a record, and makes it the default. */
CsRecord *cs_test_store_add_default (CsStore     *store,
                                     const char  *name);

G_END_DECLS
