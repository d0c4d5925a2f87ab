/* cs-inspection-file.c — reading the uploaded files: the "file" row, the
 * chain file, and cs_inspection_load_file()
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/pkcs7.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-inspection-private.h"

/* What an uploaded file may hold instead of (or besides) certificates. */
typedef enum
{
  KIND_PRIVATE_KEY,
  KIND_PKCS12,
  KIND_CSR,
  KIND_CRL,
  KIND_PKCS7,
  KIND_PUBLIC_KEY,
  KIND_OTHER,
  N_KINDS
} ObjectKind;

typedef struct
{
  const char *alone;     /* the file is only this */
  const char *besides;   /* the file holds a certificate and this */
  const char *in_chain;  /* the chain file holds this */
  const char *advice;
} KindInfo;

static const KindInfo kind_infos[N_KINDS] = {
  [KIND_PRIVATE_KEY] = {
    N_("This is a private key, not a certificate."),
    N_("Besides the certificate, the file holds a private key."),
    N_("The chain file holds a private key."),
    N_("Keep it secret; nothing was stored."),
  },
  [KIND_PKCS12] = {
    N_("This is a PKCS#12 file (.pfx or .p12), which holds a private key, not a single "
       "certificate."),
    N_("Besides the certificate, the file holds a PKCS#12 file, which holds a private key."),
    N_("The chain file is a PKCS#12 file (.pfx or .p12), which holds a private key."),
    N_("Keep it secret; nothing was stored. Export the certificate alone, as PEM (Base64)."),
  },
  [KIND_CSR] = {
    N_("This is a certificate request (CSR), not a certificate."),
    N_("Besides the certificate, the file holds a certificate request (CSR)."),
    N_("The chain file holds a certificate request (CSR)."),
    N_("Have your CA sign the request, and upload the certificate it returns."),
  },
  [KIND_CRL] = {
    N_("This is a certificate revocation list (CRL), not a certificate."),
    N_("Besides the certificate, the file holds a certificate revocation list (CRL)."),
    N_("The chain file holds a certificate revocation list (CRL)."),
    N_("Choose the certificate file instead."),
  },
  [KIND_PKCS7] = {
    N_("This is a PKCS#7 bundle (.p7b), not a single certificate."),
    N_("Besides the certificate, the file holds a PKCS#7 bundle (.p7b)."),
    N_("The chain file is a PKCS#7 bundle (.p7b), not a PEM bundle."),
    N_("Open it, export the certificates one by one as PEM (Base64): the intermediate alone as "
       "the certificate, its issuers together as the chain."),
  },
  [KIND_PUBLIC_KEY] = {
    N_("This is a public key, not a certificate."),
    N_("Besides the certificate, the file holds a public key."),
    N_("The chain file holds a public key."),
    N_("Choose the certificate file your CA returned instead."),
  },
  [KIND_OTHER] = {
    N_("This file holds no certificate, only PEM data of another kind."),
    N_("Besides the certificate, the file holds PEM data of another kind."),
    N_("The chain file holds PEM data of another kind than certificates."),
    N_("Choose the certificate file your CA returned instead."),
  },
};

typedef struct
{
  STACK_OF(X509) *certs;       /* the first @keep certificates */
  guint           keep;
  guint           n_certs;     /* every certificate, counted */
  guint           n_broken;    /* blocks that could not be decoded */
  gboolean        kinds[N_KINDS];
  gboolean        der;
} ReadResult;

static void
read_result_clear (ReadResult *result)
{
  sk_X509_pop_free (result->certs, X509_free);
}

static void
add_certificate (ReadResult *result,
                 X509       *cert)
{
  result->n_certs++;
  if (sk_X509_num (result->certs) < (int) result->keep)
    sk_X509_push (result->certs, cert);
  else
    X509_free (cert);
}

static ObjectKind
classify_pem_name (const char *name)
{
  if (g_str_has_suffix (name, "PRIVATE KEY"))
    return KIND_PRIVATE_KEY;
  if (g_str_equal (name, "CERTIFICATE REQUEST") || g_str_equal (name, "NEW CERTIFICATE REQUEST"))
    return KIND_CSR;
  if (g_str_equal (name, "X509 CRL"))
    return KIND_CRL;
  if (g_str_equal (name, "PKCS7") || g_str_equal (name, "PKCS #7 SIGNED DATA") ||
      g_str_equal (name, "CMS"))
    return KIND_PKCS7;
  if (g_str_has_suffix (name, "PUBLIC KEY"))
    return KIND_PUBLIC_KEY;
  return KIND_OTHER;
}

static void
read_pem_block (ReadResult          *result,
                const char          *name,
                const unsigned char *der,
                long                 der_len)
{
  const unsigned char *p = der;
  X509 *cert;

  if (!g_str_equal (name, "CERTIFICATE") && !g_str_equal (name, "X509 CERTIFICATE"))
    {
      result->kinds[classify_pem_name (name)] = TRUE;
      return;
    }

  cert = d2i_X509 (NULL, &p, der_len);
  if (cert == NULL || p != der + der_len)
    {
      X509_free (cert);
      result->n_broken++;
      return;
    }
  add_certificate (result, cert);
}

/* Reads every PEM block; the data of each (a private key's too) is wiped. */
static void
read_pem (ReadResult *result,
          const void *data,
          gsize       size)
{
  BIO *bio = BIO_new_mem_buf (data, size);

  for (;;)
    {
      char *name = NULL;
      char *header = NULL;
      unsigned char *der = NULL;
      long der_len = 0;

      if (!PEM_read_bio (bio, &name, &header, &der, &der_len))
        {
          if (ERR_GET_REASON (ERR_peek_last_error ()) != PEM_R_NO_START_LINE)
            result->n_broken++;
          break;
        }
      read_pem_block (result, name, der, der_len);
      OPENSSL_free (name);
      OPENSSL_free (header);
      OPENSSL_clear_free (der, der_len);
    }

  BIO_free (bio);
  ERR_clear_error ();
}

/* Names a DER object that is not a certificate, trying the likely ones. */
static gboolean
classify_der (const unsigned char *data,
              long                 size,
              ObjectKind          *kind)
{
  const unsigned char *p;
  void *object;

#define TRY(d2i, free_func, k) \
  p = data; \
  if ((object = d2i (NULL, &p, size)) != NULL) \
    { \
      free_func (object); \
      *kind = k; \
      return TRUE; \
    }

  TRY (d2i_X509_REQ, X509_REQ_free, KIND_CSR);
  TRY (d2i_X509_CRL, X509_CRL_free, KIND_CRL);
  TRY (d2i_PKCS7, PKCS7_free, KIND_PKCS7);
  TRY (d2i_PKCS12, PKCS12_free, KIND_PKCS12);
  TRY (d2i_X509_SIG, X509_SIG_free, KIND_PRIVATE_KEY);
  TRY (d2i_AutoPrivateKey, EVP_PKEY_free, KIND_PRIVATE_KEY);
  TRY (d2i_PUBKEY, EVP_PKEY_free, KIND_PUBLIC_KEY);
#undef TRY

  return FALSE;
}

/* Some tools end a DER file with a newline. */
static gboolean
only_whitespace (const unsigned char *p,
                 const unsigned char *end)
{
  for (; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
read_der (ReadResult *result,
          const void *data,
          gsize       size)
{
  const unsigned char *p = data;
  ObjectKind kind;
  X509 *cert;

  cert = d2i_X509 (NULL, &p, size);
  if (cert != NULL && only_whitespace (p, (const unsigned char *) data + size))
    {
      result->der = TRUE;
      add_certificate (result, cert);
    }
  else
    {
      X509_free (cert);
      if (classify_der (data, size, &kind))
        result->kinds[kind] = TRUE;
    }
  ERR_clear_error ();
}

static gboolean
looks_like_pem (const char *data,
                gsize       size)
{
  static const char marker[] = "-----BEGIN ";

  return g_strstr_len (data, size, marker) != NULL;
}

static void
read_objects (ReadResult *result,
              GBytes     *bytes,
              guint       keep)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  result->certs = sk_X509_new_null ();
  result->keep = keep;

  /* Windows editors start a text file with a UTF-8 byte order mark. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  if (looks_like_pem (data, size))
    read_pem (result, data, size);
  else
    read_der (result, data, size);
}

/* Counts the PEM certificate markers without decoding anything: the count
 * of a file too large to be parsed. */
static guint
count_pem_certificates (GBytes *bytes)
{
  static const char *markers[] = {
    "-----BEGIN CERTIFICATE-----",
    "-----BEGIN X509 CERTIFICATE-----",
  };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  guint count = 0;

  for (guint m = 0; m < G_N_ELEMENTS (markers); m++)
    {
      gsize len = strlen (markers[m]);

      for (gsize i = 0; i + len <= size; i++)
        if (data[i] == '-' && memcmp (data + i, markers[m], len) == 0)
          count++;
    }
  return count;
}

static void
report_kinds (CsCheck          *check,
              const ReadResult *result,
              gboolean          chain)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      const KindInfo *info = &kind_infos[k];
      const char *what;

      if (!result->kinds[k])
        continue;
      if (chain)
        what = info->in_chain;
      else
        what = result->n_certs > 0 ? info->besides : info->alone;
      cs_check_add_findingf (check, CS_CHECK_FAIL, "%s %s", _(what), _(info->advice));
    }
}

static gboolean
has_other_kinds (const ReadResult *result)
{
  for (guint k = 0; k < N_KINDS; k++)
    if (result->kinds[k])
      return TRUE;
  return FALSE;
}

static void
check_certificate_count (CsCheck          *check,
                         const ReadResult *result)
{
  if (result->n_broken > 0)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("A certificate in the file is damaged and cannot be read. "
                            "Download it again from your CA."));
  else if (result->n_certs == 0 && !has_other_kinds (result))
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("This file is neither a PEM nor a DER certificate. Choose the "
                            "certificate your CA returned, as PEM (Base64) or DER."));

  if (result->n_certs > 1)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("The file holds %u certificates, but must hold exactly one. Upload "
                             "the intermediate certificate alone, and its issuers as the chain."),
                           result->n_certs);
}

static void
read_certificate (CsInspection *insp,
                  CsCheck      *check,
                  GBytes       *bytes)
{
  ReadResult result = { 0, };

  read_objects (&result, bytes, 1);
  report_kinds (check, &result, FALSE);
  check_certificate_count (check, &result);

  if (result.n_certs == 1 && result.n_broken == 0)
    {
      insp->cert = sk_X509_shift (result.certs);
      insp->was_der = result.der;
      if (result.der)
        cs_check_add_finding (check, CS_CHECK_WARN,
                              _("The certificate was in DER (binary) form; it has been converted "
                                "to PEM."));
    }
  read_result_clear (&result);
}

/**
 * cs_inspection_read_certificate: (skip)
 *
 * The "file" row: the uploaded bytes must hold exactly one certificate, in
 * PEM or DER, and nothing else; anything over 64 KiB is refused unread.
 */
void
cs_inspection_read_certificate (CsInspection *insp,
                                GBytes       *bytes)
{
  CsCheck *check = insp->rows[CS_ROW_FILE];
  gsize size = g_bytes_get_size (bytes);

  if (size == 0)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The file is empty. Choose the certificate file your CA returned."));
  else if (size > CS_INSPECTION_MAX_FILE_SIZE)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The file is larger than 64 KiB, too large for a certificate. Choose "
                            "the intermediate certificate alone."));
  else
    read_certificate (insp, check, bytes);

  cs_check_complete (check, _("The file holds one PEM certificate and nothing else."));
}

static void
chain_too_large (CsInspection *insp,
                 GBytes       *bytes)
{
  CsCheck *check = insp->rows[CS_ROW_CHAIN];
  guint count = count_pem_certificates (bytes);

  cs_check_add_finding (check, CS_CHECK_FAIL,
                        _("The chain file is larger than 64 KiB, too large for a chain. Upload "
                          "the intermediate’s issuers up to the root only."));
  if (count > CS_INSPECTION_MAX_CHAIN)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("The chain has %u certificates, over the limit of %d."),
                           count, CS_INSPECTION_MAX_CHAIN);
}

static void
check_chain_contents (CsCheck          *check,
                      const ReadResult *result)
{
  report_kinds (check, result, TRUE);

  if (result->n_broken > 0)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("A certificate in the chain file is damaged and cannot be read."));
  else if (result->n_certs == 0 && !has_other_kinds (result))
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The chain file cannot be read: it holds no PEM certificates. "
                            "Upload the issuers as a PEM (Base64) bundle."));

  if (result->n_certs > CS_INSPECTION_MAX_CHAIN)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("The chain has %u certificates, over the limit of %d."),
                           result->n_certs, CS_INSPECTION_MAX_CHAIN);
}

/**
 * cs_inspection_read_chain: (skip)
 *
 * Reads the chain file into @insp->given, or adds the chain row's findings
 * if it cannot be used: unreadable, other objects, or over 16 certificates
 * (all of them counted, however many there are, but none kept beyond 17).
 */
void
cs_inspection_read_chain (CsInspection *insp,
                          GBytes       *bytes)
{
  CsCheck *check = insp->rows[CS_ROW_CHAIN];
  ReadResult result = { 0, };

  insp->chain_given = TRUE;
  insp->chain_unusable = TRUE;

  if (g_bytes_get_size (bytes) == 0)
    {
      cs_check_add_finding (check, CS_CHECK_FAIL, _("The chain file is empty."));
      return;
    }
  if (g_bytes_get_size (bytes) > CS_INSPECTION_MAX_FILE_SIZE)
    {
      chain_too_large (insp, bytes);
      return;
    }

  read_objects (&result, bytes, CS_INSPECTION_MAX_CHAIN + 1);
  check_chain_contents (check, &result);

  if (!cs_check_has_findings (check))
    {
      insp->given = g_steal_pointer (&result.certs);
      insp->chain_unusable = FALSE;
      if (result.der)
        cs_check_add_detail (check, _("The chain was a DER certificate; it has been converted "
                                      "to PEM."));
    }
  read_result_clear (&result);
}

/* cs_inspection_load_file() */

static void
set_too_large (GFile   *file,
               GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, CS_ERROR, CS_ERROR_TOO_LARGE,
               _("“%s” is larger than 64 KiB, too large for a certificate or a chain"), name);
}

/* Only a regular file of at most 64 KiB is read. */
static gboolean
check_file_kind (GFile      *file,
                 GFileType   type,
                 goffset     size,
                 GError    **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder; choose a certificate file"), name);
      return FALSE;
    }
  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” is not a regular file; choose a certificate file"), name);
      return FALSE;
    }
  if (size > CS_INSPECTION_MAX_FILE_SIZE)
    {
      set_too_large (file, error);
      return FALSE;
    }
  return TRUE;
}

static GFileType
file_type_from_mode (mode_t mode)
{
  if (S_ISDIR (mode))
    return G_FILE_TYPE_DIRECTORY;
  if (S_ISREG (mode))
    return G_FILE_TYPE_REGULAR;
  return G_FILE_TYPE_SPECIAL;
}

static void
set_error_from_errno (GFile       *file,
                      int          saved_errno,
                      GError     **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not read “%s”: %s"), name, g_strerror (saved_errno));
}

/* Reads at most the limit + 1 bytes, so that a file that grew after fstat()
 * is still refused and never read whole. */
static GBytes *
read_limited (GFile         *file,
              int            fd,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (CS_INSPECTION_MAX_FILE_SIZE + 1);
  gsize length = 0;

  while (length < CS_INSPECTION_MAX_FILE_SIZE + 1)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      n = read (fd, buffer + length, CS_INSPECTION_MAX_FILE_SIZE + 1 - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_error_from_errno (file, errno, error);
          return NULL;
        }
      if (n == 0)
        break;
      length += n;
    }

  if (length > CS_INSPECTION_MAX_FILE_SIZE)
    {
      set_too_large (file, error);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

static GBytes *
load_local_file (GFile         *file,
                 const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GStatBuf st;
  GBytes *bytes;
  int fd;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_error_from_errno (file, errno, error);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      set_error_from_errno (file, errno, error);
      close (fd);
      return NULL;
    }
  if (!check_file_kind (file, file_type_from_mode (st.st_mode), st.st_size, error))
    {
      close (fd);
      return NULL;
    }

  bytes = read_limited (file, fd, cancellable, error);
  close (fd);
  return bytes;
}

/* A file that is not on a local file system (a GVfs location): its type and
 * size come from GIO, and it is read through a stream up to the limit + 1. */
static GBytes *
load_remote_file (GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL ||
      !check_file_kind (file, g_file_info_get_file_type (info), g_file_info_get_size (info), error))
    return NULL;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  buffer = g_malloc (CS_INSPECTION_MAX_FILE_SIZE + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, CS_INSPECTION_MAX_FILE_SIZE + 1,
                                &length, cancellable, error))
    return NULL;
  if (length > CS_INSPECTION_MAX_FILE_SIZE)
    {
      set_too_large (file, error);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/**
 * cs_inspection_load_file:
 * @file: the file a person chose
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an uploaded certificate or chain file, safely: only a regular file
 * (a folder, FIFO, socket or device is refused without waiting on it), and
 * only up to 64 KiB: a larger file is refused by its size before anything is
 * read, and never more than 64 KiB + 1 bytes are read. The file name may be
 * in any encoding.
 *
 * Returns: (transfer full) (nullable): the file's contents, or %NULL with
 *   @error set: %CS_ERROR_TOO_LARGE, %CS_ERROR_INVALID_CERTIFICATE for an
 *   empty file, %G_IO_ERROR_IS_DIRECTORY, %G_IO_ERROR_NOT_REGULAR_FILE, or
 *   another %G_IO_ERROR code (%G_IO_ERROR_PERMISSION_DENIED,
 *   %G_IO_ERROR_NOT_FOUND, %G_IO_ERROR_CANCELLED…)
 */
GBytes *
cs_inspection_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  path = g_file_get_path (file);
  if (path != NULL)
    bytes = load_local_file (file, path, cancellable, error);
  else
    bytes = load_remote_file (file, cancellable, error);

  if (bytes != NULL && g_bytes_get_size (bytes) == 0)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_CERTIFICATE,
                   _("“%s” is empty; choose the certificate file your CA returned"), name);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}
