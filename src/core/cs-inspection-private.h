/* cs-inspection-private.h — the inspection's state, shared by its rows
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_inspect() fills a CsInspection row by row (each row in its own file:
 * cs-inspection-file.c, -cert.c, -policy.c, -chain.c, -dry-run.c) and then
 * turns it into a CsInspectionReport.
 */

#pragma once

#include <openssl/x509.h>
#include <time.h>

#include "cs-check-private.h"
#include "cs-inspection.h"

G_BEGIN_DECLS

typedef enum
{
  CS_ROW_FILE,
  CS_ROW_KEY,
  CS_ROW_SUBJECT,
  CS_ROW_CA,
  CS_ROW_KEY_USAGE,
  CS_ROW_PATH_LENGTH,
  CS_ROW_VALIDITY,
  CS_ROW_ALGORITHMS,
  CS_ROW_EKU,
  CS_ROW_NAME_CONSTRAINTS,
  CS_ROW_CHAIN,
  CS_ROW_DRY_RUN,
  CS_N_ROWS
} CsRow;

typedef enum
{
  CS_EKU_ABSENT,
  CS_EKU_SERVER,
  CS_EKU_ANY_ONLY,
  CS_EKU_OTHER,
} CsEkuState;

typedef struct
{
  /* The inputs. */
  CsKeyPair       *key_pair;
  X509_REQ        *csr;              /* NULL if the record's CSR could not be read */
  guint            requested_path_length;
  time_t           now;

  /* The certificate: NULL unless the file holds exactly one. */
  X509            *cert;
  gboolean         was_der;

  /* The chain file: NULL when none was given or it could not be used. */
  gboolean         chain_given;
  gboolean         chain_unusable;   /* given, but unreadable or too long */
  STACK_OF(X509)  *given;            /* as read, in the file's order */

  /* The chain as ordered by cs_inspection_check_chain(). */
  STACK_OF(X509)  *issuers;          /* from the intermediate's issuer upwards */
  STACK_OF(X509)  *members;          /* what the other rows look at (borrowed) */
  X509            *root;             /* the self-signed top of issuers (borrowed) */

  gboolean         name_constraints_warned;

  CsCheck         *rows[CS_N_ROWS];
} CsInspection;

/* cs-inspection-file.c */
void        cs_inspection_read_certificate   (CsInspection  *insp,
                                              GBytes        *bytes);
void        cs_inspection_read_chain         (CsInspection  *insp,
                                              GBytes        *bytes);

/* cs-inspection-cert.c */
void        cs_inspection_check_key          (CsInspection  *insp);
void        cs_inspection_check_subject      (CsInspection  *insp);
void        cs_inspection_check_ca           (CsInspection  *insp);
void        cs_inspection_check_key_usage    (CsInspection  *insp);
void        cs_inspection_check_path_length  (CsInspection  *insp);

/* cs-inspection-policy.c */
void        cs_inspection_check_validity     (CsInspection  *insp);
void        cs_inspection_check_algorithms   (CsInspection  *insp);
void        cs_inspection_check_eku          (CsInspection  *insp);
void        cs_inspection_check_name_constraints (CsInspection *insp);
CsEkuState  cs_inspection_eku_state          (X509          *cert,
                                              char         **names);

/* cs-inspection-chain.c */
void        cs_inspection_check_chain        (CsInspection  *insp);

/* cs-inspection-dry-run.c */
void        cs_inspection_dry_run            (CsInspection  *insp);

/* cs-inspection.c: helpers */
char       *cs_inspection_name_to_string     (const X509_NAME *name);
char       *cs_inspection_cert_label         (X509          *cert);
gint64      cs_inspection_time_to_unix       (const ASN1_TIME *time);
char       *cs_inspection_format_time        (gint64         unix_time);
char       *cs_inspection_x509_to_pem        (X509          *cert);
void        cs_inspection_not_checked        (CsInspection  *insp,
                                              CsRow          row);

G_END_DECLS
