/* cs-csr.h — PKCS#10 certificate requests and their subject
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <openssl/types.h>

#include "cs-key-pair.h"

G_BEGIN_DECLS

/**
 * CsDigest:
 * @CS_DIGEST_SHA256: SHA-256 (the default)
 * @CS_DIGEST_SHA384: SHA-384
 * @CS_DIGEST_SHA512: SHA-512
 *
 * The digest of a request's signature, the console's `signatureAlgorithm`.
 */
typedef enum
{
  CS_DIGEST_SHA256,
  CS_DIGEST_SHA384,
  CS_DIGEST_SHA512,
} CsDigest;

#define CS_DIGEST_DEFAULT CS_DIGEST_SHA256
#define CS_N_DIGESTS 3

const char *cs_digest_get_nick      (CsDigest     digest);
gboolean    cs_digest_from_nick     (const char  *nick,
                                     CsDigest    *digest);
const char *cs_digest_get_api_name  (CsDigest     digest);
gboolean    cs_digest_from_api_name (const char  *name,
                                     CsDigest    *digest);
const char *cs_digest_get_label     (CsDigest     digest);

/**
 * CsSubjectField:
 * @CS_SUBJECT_COMMON_NAME: commonName (CN), required
 * @CS_SUBJECT_ORGANIZATION: organizationName (O), required
 * @CS_SUBJECT_DEPARTMENT: organizationalUnitName (OU), optional
 * @CS_SUBJECT_CITY: localityName (L), optional
 * @CS_SUBJECT_STATE: stateOrProvinceName (ST), optional
 * @CS_SUBJECT_COUNTRY: countryName (C), required: an ISO 3166-1 alpha-2 code
 *
 * The subject fields of a request, in the order of the editor's form.
 */
typedef enum
{
  CS_SUBJECT_COMMON_NAME,
  CS_SUBJECT_ORGANIZATION,
  CS_SUBJECT_DEPARTMENT,
  CS_SUBJECT_CITY,
  CS_SUBJECT_STATE,
  CS_SUBJECT_COUNTRY,
} CsSubjectField;

#define CS_N_SUBJECT_FIELDS 6

const char *cs_subject_field_get_label      (CsSubjectField   field);
const char *cs_subject_field_get_short_name (CsSubjectField   field);
const char *cs_subject_field_get_api_name   (CsSubjectField   field);
gboolean    cs_subject_field_from_api_name  (const char      *name,
                                             CsSubjectField  *field);
gboolean    cs_subject_field_is_required    (CsSubjectField   field);
guint       cs_subject_field_get_max_length (CsSubjectField   field);
gboolean    cs_subject_field_validate       (CsSubjectField   field,
                                             const char      *value,
                                             GError         **error);

#define CS_TYPE_SUBJECT (cs_subject_get_type ())

typedef struct _CsSubject CsSubject;

GType       cs_subject_get_type             (void) G_GNUC_CONST;
CsSubject  *cs_subject_new                  (void);
CsSubject  *cs_subject_new_from_x509_name   (const X509_NAME  *name);
CsSubject  *cs_subject_copy                 (const CsSubject  *subject);
void        cs_subject_free                 (CsSubject        *subject);
const char *cs_subject_get                  (const CsSubject  *subject,
                                             CsSubjectField    field);
void        cs_subject_set                  (CsSubject        *subject,
                                             CsSubjectField    field,
                                             const char       *value);
gboolean    cs_subject_equal                (const CsSubject  *a,
                                             const CsSubject  *b);
gboolean    cs_subject_validate             (const CsSubject  *subject,
                                             GError          **error);
char       *cs_subject_to_string            (const CsSubject  *subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsSubject, cs_subject_free)

#define CS_CSR_MAX_SIZE (64 * 1024)

char       *cs_csr_generate                 (CsKeyPair        *key_pair,
                                             const CsSubject  *subject,
                                             CsDigest          digest,
                                             guint             path_length,
                                             GError          **error);

#define CS_TYPE_CSR_INFO (cs_csr_info_get_type ())

typedef struct _CsCsrInfo CsCsrInfo;

GType              cs_csr_info_get_type            (void) G_GNUC_CONST;
CsCsrInfo         *cs_csr_info_new_from_pem        (const char       *pem,
                                                    gssize            length,
                                                    GError          **error);
CsCsrInfo         *cs_csr_info_ref                 (CsCsrInfo        *info);
void               cs_csr_info_unref               (CsCsrInfo        *info);
const char        *cs_csr_info_get_pem             (const CsCsrInfo  *info);
const CsSubject   *cs_csr_info_get_subject         (const CsCsrInfo  *info);
const char        *cs_csr_info_get_subject_string  (const CsCsrInfo  *info);
const char        *cs_csr_info_get_key_description (const CsCsrInfo  *info);
const char        *cs_csr_info_get_key_fingerprint (const CsCsrInfo  *info);
gboolean           cs_csr_info_get_signature_valid (const CsCsrInfo  *info);
const char        *cs_csr_info_get_digest_label    (const CsCsrInfo  *info);
gboolean           cs_csr_info_get_digest          (const CsCsrInfo  *info,
                                                    CsDigest         *digest);
int                cs_csr_info_get_path_length     (const CsCsrInfo  *info);
gboolean           cs_csr_info_get_is_ca           (const CsCsrInfo  *info);
const char * const *cs_csr_info_get_extensions     (const CsCsrInfo  *info);
gboolean           cs_csr_info_matches_key         (const CsCsrInfo  *info,
                                                    CsKeyPair        *key_pair);
char              *cs_csr_info_to_text             (const CsCsrInfo  *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsCsrInfo, cs_csr_info_unref)

G_END_DECLS
