/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pattern suggestions for learned rules: paths a daemon names by a pid,
 * a worker number or a counter (/proc/4711/status, /run/nginx/worker-3
 * .sock) are allowed by one rule with '*' in that component, commented
 * with the paths it covers.
 */
#ifndef DMZG_LEARN_PATTERNS_H
#define DMZG_LEARN_PATTERNS_H

#include <stddef.h>

#include "learn_rules.h"

/*
 * Replace the rules of one profile and kind whose paths differ only in
 * the numbers of one component by one rule with each of those numbers
 * written '*'.  Components that differ otherwise are never generalised,
 * and no pattern spans components ("**").
 */
void learn_suggest_patterns(struct learned **items, size_t *n);

#endif
