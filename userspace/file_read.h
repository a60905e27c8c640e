/* SPDX-License-Identifier: GPL-2.0 */
/* A whole file in memory. */
#ifndef DMZG_FILE_READ_H
#define DMZG_FILE_READ_H

#include <stddef.h>

/*
 * The bytes of @path, NUL-terminated (a NUL inside stays: @len says where
 * the file ends).  Return: a buffer to free(), or NULL with errno set.
 */
char *file_read_all(const char *path, size_t *len);

#endif
