/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMZG_JSON_H
#define DMZG_JSON_H
#include <stdio.h>

void json_string(FILE *out, const char *s);

#endif
