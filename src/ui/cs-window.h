/* cs-window.h — the main window: the list of intermediate CA certificates
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-application.h"
#include "cs-record-list.h"
#include "cs-store.h"

G_BEGIN_DECLS

/* What a row's Download items save. The private key is never one of them. */
typedef enum
{
  CS_DOWNLOAD_PUBLIC_KEY,
  CS_DOWNLOAD_CSR,
  CS_DOWNLOAD_CERTIFICATE,
  CS_DOWNLOAD_CHAIN,
} CsDownloadKind;

#define CS_TYPE_WINDOW (cs_window_get_type ())

G_DECLARE_FINAL_TYPE (CsWindow, cs_window, CS, WINDOW, AdwApplicationWindow)

/* @store: the store to show, or NULL for the application's. The window
 * opens it when it is not open yet. */
CsWindow     *cs_window_new                   (CsApplication   *application,
                                               CsStore         *store);
CsStore      *cs_window_get_store             (CsWindow        *self);
CsRecordList *cs_window_get_record_list       (CsWindow        *self);

/* The name the file chooser suggests: "<name>-public-key.pem",
 * "<csr-file-name>.csr", "<name>.pem", "<name>-chain.pem". */
char         *cs_window_suggest_download_name (CsRecord        *record,
                                               CsDownloadKind   kind);

/* Writes @kind of @record to @file off the main thread (what the file
 * chooser's Save does), then shows a toast. */
void          cs_window_save_download         (CsWindow        *self,
                                               CsRecord        *record,
                                               CsDownloadKind   kind,
                                               GFile           *file,
                                               GAsyncReadyCallback callback,
                                               gpointer         user_data);
gboolean      cs_window_save_download_finish  (CsWindow        *self,
                                               GAsyncResult    *result,
                                               GError         **error);

G_END_DECLS
