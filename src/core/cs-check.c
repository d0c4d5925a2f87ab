/* cs-check.c — one row of the report on an uploaded certificate and chain
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-check-private.h"

/**
 * SECTION:cs-check
 * @title: CsCheck
 *
 * One check of SPEC §4 on an uploaded certificate: a stable id, a translated
 * title, a level, a message in plain words and its details. When a check has
 * several findings, the message holds every one of them, one sentence each,
 * and the level is the worst of them; the details list each finding, followed
 * by any further detail (such as every error of the dry run's verification).
 *
 * A check is immutable once its report is handed out.
 */

struct _CsCheck
{
  GObject       parent_instance;

  const char   *id;
  const char   *title;
  CsCheckLevel  level;
  GPtrArray    *findings;
  GPtrArray    *details;
  char         *message;
  gboolean      checked;
};

G_DEFINE_FINAL_TYPE (CsCheck, cs_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_LEVEL,
  PROP_MESSAGE,
  PROP_DETAILS,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *id;
  const char *title;
} CheckInfo;

static const CheckInfo check_infos[] = {
  { CS_CHECK_ID_FILE, N_("File") },
  { CS_CHECK_ID_KEY, N_("Key") },
  { CS_CHECK_ID_SUBJECT, N_("Subject") },
  { CS_CHECK_ID_CA, N_("CA") },
  { CS_CHECK_ID_KEY_USAGE, N_("Key Usage") },
  { CS_CHECK_ID_PATH_LENGTH, N_("Path Length") },
  { CS_CHECK_ID_VALIDITY, N_("Validity") },
  { CS_CHECK_ID_ALGORITHMS, N_("Algorithms") },
  { CS_CHECK_ID_EKU, N_("Extended Key Usage") },
  { CS_CHECK_ID_NAME_CONSTRAINTS, N_("Name Constraints") },
  { CS_CHECK_ID_CHAIN, N_("Chain") },
  { CS_CHECK_ID_DRY_RUN, N_("Dry Run") },
};

GType
cs_check_level_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { CS_CHECK_PASS, "CS_CHECK_PASS", "pass" },
    { CS_CHECK_WARN, "CS_CHECK_WARN", "warn" },
    { CS_CHECK_FAIL, "CS_CHECK_FAIL", "fail" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("CsCheckLevel", values));

  return type_id;
}

/**
 * cs_check_level_get_nick:
 * @level: a #CsCheckLevel
 *
 * Returns: the untranslated four-letter name of @level ("PASS", "WARN",
 *   "FAIL"), as the command line prints it
 */
const char *
cs_check_level_get_nick (CsCheckLevel level)
{
  switch (level)
    {
    case CS_CHECK_PASS:
      return "PASS";
    case CS_CHECK_WARN:
      return "WARN";
    case CS_CHECK_FAIL:
      return "FAIL";
    default:
      g_return_val_if_reached ("FAIL");
    }
}

/**
 * cs_check_level_get_label:
 * @level: a #CsCheckLevel
 *
 * Returns: the translated name of @level for people ("Passed")
 */
const char *
cs_check_level_get_label (CsCheckLevel level)
{
  switch (level)
    {
    case CS_CHECK_PASS:
      return _("Passed");
    case CS_CHECK_WARN:
      return _("Warning");
    case CS_CHECK_FAIL:
      return _("Failed");
    default:
      g_return_val_if_reached (_("Failed"));
    }
}

static void
cs_check_finalize (GObject *object)
{
  CsCheck *self = CS_CHECK (object);

  g_ptr_array_unref (self->findings);
  g_ptr_array_unref (self->details);
  g_free (self->message);

  G_OBJECT_CLASS (cs_check_parent_class)->finalize (object);
}

static void
cs_check_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CsCheck *self = CS_CHECK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, cs_check_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, cs_check_get_title (self));
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, cs_check_get_level (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, cs_check_get_message (self));
      break;
    case PROP_DETAILS:
      g_value_set_boxed (value, cs_check_get_details (self));
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, cs_check_get_checked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_check_class_init (CsCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_check_finalize;
  object_class->get_property = cs_check_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] = g_param_spec_enum ("level", NULL, NULL,
                                              CS_TYPE_CHECK_LEVEL, CS_CHECK_PASS, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_DETAILS] = g_param_spec_boxed ("details", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CHECKED] = g_param_spec_boolean ("checked", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_check_init (CsCheck *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_free);
  self->details = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->details, NULL);
  self->checked = TRUE;
}

/* Private API, for the inspection */

CsCheck *
cs_check_new (const char *id)
{
  CsCheck *self;

  for (guint i = 0; i < G_N_ELEMENTS (check_infos); i++)
    if (g_str_equal (check_infos[i].id, id))
      {
        self = g_object_new (CS_TYPE_CHECK, NULL);
        self->id = check_infos[i].id;
        self->title = check_infos[i].title;
        return self;
      }

  g_return_val_if_reached (NULL);
}

/* Appends to the NULL-terminated details array. */
static void
append_detail (CsCheck    *self,
               const char *detail)
{
  g_ptr_array_index (self->details, self->details->len - 1) = g_strdup (detail);
  g_ptr_array_add (self->details, NULL);
}

void
cs_check_add_finding (CsCheck      *self,
                      CsCheckLevel  level,
                      const char   *finding)
{
  g_assert (CS_IS_CHECK (self));
  g_assert (self->message == NULL);

  g_ptr_array_add (self->findings, g_strdup (finding));
  append_detail (self, finding);
  self->level = MAX (self->level, level);
}

void
cs_check_add_findingf (CsCheck      *self,
                       CsCheckLevel  level,
                       const char   *format,
                       ...)
{
  g_autofree char *finding = NULL;
  va_list args;

  va_start (args, format);
  finding = g_strdup_vprintf (format, args);
  va_end (args);

  cs_check_add_finding (self, level, finding);
}

void
cs_check_add_detail (CsCheck    *self,
                     const char *detail)
{
  g_assert (CS_IS_CHECK (self));

  append_detail (self, detail);
}

/* A row that could not be evaluated (its input was not readable) fails, so
 * that nothing is accepted unchecked, and says why. */
void
cs_check_set_not_checked (CsCheck    *self,
                          const char *reason)
{
  g_assert (CS_IS_CHECK (self));

  self->checked = FALSE;
  cs_check_add_finding (self, CS_CHECK_FAIL, reason);
}

gboolean
cs_check_has_findings (CsCheck *self)
{
  return self->findings->len > 0;
}

guint
cs_check_get_n_findings (CsCheck *self)
{
  return self->findings->len;
}

/* Joins the findings into the message, or uses @pass_message when there
 * are none. */
void
cs_check_complete (CsCheck    *self,
                   const char *pass_message)
{
  GString *message;

  g_assert (CS_IS_CHECK (self));
  g_assert (self->message == NULL);

  if (self->findings->len == 0)
    {
      self->message = g_strdup (pass_message);
      return;
    }

  message = g_string_new (NULL);
  for (guint i = 0; i < self->findings->len; i++)
    {
      if (i > 0)
        g_string_append_c (message, ' ');
      g_string_append (message, g_ptr_array_index (self->findings, i));
    }
  self->message = g_string_free (message, FALSE);
}

/* Public API */

/**
 * cs_check_get_id:
 * @self: a #CsCheck
 *
 * Returns: the stable id of the check, one of the `CS_CHECK_ID_*` strings
 */
const char *
cs_check_get_id (CsCheck *self)
{
  g_return_val_if_fail (CS_IS_CHECK (self), NULL);

  return self->id;
}

/**
 * cs_check_get_title:
 * @self: a #CsCheck
 *
 * Returns: the translated title of the check ("Key Usage")
 */
const char *
cs_check_get_title (CsCheck *self)
{
  g_return_val_if_fail (CS_IS_CHECK (self), NULL);

  return _(self->title);
}

/**
 * cs_check_get_level:
 * @self: a #CsCheck
 *
 * Returns: the worst level of the check's findings
 */
CsCheckLevel
cs_check_get_level (CsCheck *self)
{
  g_return_val_if_fail (CS_IS_CHECK (self), CS_CHECK_FAIL);

  return self->level;
}

/**
 * cs_check_get_message:
 * @self: a #CsCheck
 *
 * Returns: the outcome in plain words: every finding, one sentence each, or
 *   what passed
 */
const char *
cs_check_get_message (CsCheck *self)
{
  g_return_val_if_fail (CS_IS_CHECK (self), NULL);

  return self->message;
}

/**
 * cs_check_get_details:
 * @self: a #CsCheck
 *
 * Returns: (transfer none): every finding, then any further details (such
 *   as each error of the dry run); empty when there is nothing to add
 */
const char * const *
cs_check_get_details (CsCheck *self)
{
  g_return_val_if_fail (CS_IS_CHECK (self), NULL);

  return (const char * const *) self->details->pdata;
}

/**
 * cs_check_get_checked:
 * @self: a #CsCheck
 *
 * Returns: %FALSE if the check could not be evaluated, because its input
 *   (the certificate) could not be read; its level is then
 *   %CS_CHECK_FAIL and its message says so
 */
gboolean
cs_check_get_checked (CsCheck *self)
{
  g_return_val_if_fail (CS_IS_CHECK (self), FALSE);

  return self->checked;
}
