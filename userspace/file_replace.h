/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replacing a file's contents atomically: a temporary file in the same
 * directory, with the file's mode and owner, renamed over it.  Readers
 * see the old file or the new one, never a part of either.
 */
#ifndef DMZG_FILE_REPLACE_H
#define DMZG_FILE_REPLACE_H

#include <limits.h>
#include <stddef.h>

struct file_replace {
	char target[PATH_MAX];	/* the file replaced, links resolved */
	char temp[PATH_MAX + 16];	/* its new contents, until committed */
	const char *failed;	/* the step that failed, for messages */
};

/*
 * Write @data (@len bytes) to a temporary file beside @path, synced.
 * Return: 0, or -1 with errno and fr->failed set (nothing left behind).
 */
int file_replace_prepare(struct file_replace *fr, const char *path,
			 const char *data, size_t len);
/* Rename the temporary file over the target.  Return: 0 or -1 (errno). */
int file_replace_commit(struct file_replace *fr);
/* Remove the temporary file: the target stays as it was. */
void file_replace_abort(struct file_replace *fr);

#endif
