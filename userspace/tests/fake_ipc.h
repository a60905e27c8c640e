/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A stand-in for the module's netlink interface, so that the commands can
 * be tested on a machine without the module (or with it: nothing is sent).
 */
#ifndef DMZG_FAKE_IPC_H
#define DMZG_FAKE_IPC_H

#include <stdbool.h>

#include "ipc.h"

/* What the fake module is: absent, or loaded with this status. */
extern bool fake_module_loaded;
extern struct status fake_status;
/* The policy a fake load received (profiles counted), and its answer. */
extern size_t fake_loaded_profiles;
extern int fake_load_result;
/* The options of the last fake load and its profiles' names, in order. */
extern struct load_opts fake_load_opts;
extern char fake_loaded_names[1024];

/* The active policy a fake show or diff reads; NULL: none loaded. */
extern const struct policy *fake_policy;

/* The last profile and mode a fake mode switched, and its answer. */
extern char fake_mode_profile[DMZG_NAME_MAX];
extern int fake_mode_set;	/* -1: none */
extern int fake_mode_result;

/* The confined tasks a fake ps lists. */
extern const struct ps_entry *fake_tasks;
extern size_t fake_ntasks;
/* The records a fake watch delivers, in order. */
extern const struct event *fake_events;
extern size_t fake_nevents;

#endif
