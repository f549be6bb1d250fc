// Decoding a JPEG file to RGB with libjpeg, with its fatal errors turned into return values.
//
// libjpeg reports a fatal error by calling the error manager's error_exit, whose default
// prints and calls exit(). The only way to continue after one is to longjmp out of the
// library, and Swift cannot call setjmp safely, so that part lives here, in C.
#ifndef CJPEGSHIM_DECODE_JPEG_H
#define CJPEGSHIM_DECODE_JPEG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Decodes the JPEG file at `path` into tightly packed 8-bit RGB rows, top row first.
///
/// On success returns 0, sets `*rgb` to a malloc'ed buffer of `*w * *h * 3` bytes (release it
/// with `decode_jpeg_free`) and leaves `message` untouched. On failure returns a non-zero code,
/// sets `*rgb` to NULL and writes a one-line, NUL-terminated reason into `message` (at most
/// `len` bytes). Grayscale, RGB and YCbCr pictures come out as RGB; CMYK and YCCK (Adobe)
/// pictures are converted to RGB here. A file cut short is an error, not a picture padded with
/// gray, because a half-gray photograph under the boxes would mislead.
int decode_jpeg(const char *path, unsigned char **rgb, int *w, int *h, char *message, size_t len);

/// Releases a buffer returned by `decode_jpeg`.
void decode_jpeg_free(unsigned char *rgb);

/// Return codes of `decode_jpeg`.
enum {
    DECODE_JPEG_OK = 0,
    DECODE_JPEG_CANNOT_OPEN = 1,
    DECODE_JPEG_CORRUPT = 2,
    DECODE_JPEG_TOO_LARGE = 3,
    DECODE_JPEG_OUT_OF_MEMORY = 4,
    DECODE_JPEG_UNSUPPORTED = 5,
};

#ifdef __cplusplus
}
#endif

#endif
