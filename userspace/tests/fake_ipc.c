// SPDX-License-Identifier: GPL-2.0
/* The netlink interface of ipc.h, answered from memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_ipc.h"

bool fake_module_loaded;
struct status fake_status;
size_t fake_loaded_profiles;
int fake_load_result;
volatile sig_atomic_t ipc_interrupted;

static int fake_handle;

int ipc_open(struct ipc **out)
{
	if (!fake_module_loaded) {
		fprintf(stderr, "module not loaded: run `modprobe dmzguard`\n");
		return EXIT_NO_MODULE;
	}
	*out = (struct ipc *)&fake_handle;
	return 0;
}

void ipc_close(struct ipc *ipc)
{
	(void)ipc;
}

int ipc_status(struct ipc *ipc, struct status *st)
{
	(void)ipc;
	*st = fake_status;
	st->prof = NULL;
	if (fake_status.nprof) {
		st->prof = calloc(fake_status.nprof, sizeof(*st->prof));
		if (!st->prof)
			return EXIT_IO;
		memcpy(st->prof, fake_status.prof,
		       fake_status.nprof * sizeof(*st->prof));
	}
	return 0;
}

void ipc_status_free(struct status *st)
{
	free(st->prof);
	st->prof = NULL;
}

struct load_opts fake_load_opts;
char fake_loaded_names[1024];

int ipc_load(struct ipc *ipc, const struct policy *pol,
	     const struct load_opts *opts, uint64_t *gen, uint64_t *bytes)
{
	size_t at = 0;

	(void)ipc;
	fake_load_opts = *opts;
	fake_loaded_profiles = pol->nprofiles;
	fake_loaded_names[0] = '\0';
	for (size_t i = 0; i < pol->nprofiles; i++)
		at += (size_t)snprintf(fake_loaded_names + at,
				       sizeof(fake_loaded_names) - at, "%s%s",
				       i ? " " : "", pol->profiles[i].name);
	*gen = 1;
	*bytes = 100;
	return fake_load_result;
}

const struct policy *fake_policy;

/* A copy of fake_policy's profiles (none: no policy loaded). */
int ipc_policy_get(struct ipc *ipc, struct policy *pol)
{
	(void)ipc;
	if (fake_policy && policy_merge_active(pol, fake_policy))
		return EXIT_IO;
	return 0;
}

const struct ps_entry *fake_tasks;
size_t fake_ntasks;

int ipc_ps(struct ipc *ipc, struct ps_entry **ents, size_t *n)
{
	(void)ipc;
	*ents = NULL;
	*n = 0;
	if (!fake_ntasks)
		return 0;
	*ents = malloc(fake_ntasks * sizeof(**ents));
	if (!*ents)
		return EXIT_IO;
	memcpy(*ents, fake_tasks, fake_ntasks * sizeof(**ents));
	*n = fake_ntasks;
	return 0;
}

char fake_mode_profile[DMZG_NAME_MAX];
int fake_mode_set = -1;
int fake_mode_result;

int ipc_mode(struct ipc *ipc, const char *name, uint8_t mode)
{
	(void)ipc;
	if (fake_mode_result) {
		fprintf(stderr, "mode: refused by the kernel\n");
		return fake_mode_result;
	}
	snprintf(fake_mode_profile, sizeof(fake_mode_profile), "%s", name);
	fake_mode_set = mode;
	return 0;
}

int ipc_simple(struct ipc *ipc, uint8_t cmd, const char *what)
{
	(void)ipc;
	(void)cmd;
	(void)what;
	return 0;
}

const struct event *fake_events;
size_t fake_nevents;

/* The start of the stream (NULL), then each fake record until cb stops. */
int ipc_watch(struct ipc *ipc, int (*cb)(const struct event *, void *),
	      void *arg)
{
	(void)ipc;
	if (cb(NULL, arg))
		return 0;
	for (size_t i = 0; i < fake_nevents; i++)
		if (cb(&fake_events[i], arg))
			break;
	return 0;
}

void ipc_catch_signals(void)
{
}
