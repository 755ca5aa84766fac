// Errors are values: every fallible function in the lower layers returns a
// Status or a Result<T>. The set of codes is closed so the web layer can map
// each one to an HTTP status and a stable JSON error code in one table.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace st {

enum class StatusCode {
  kOk = 0,
  kNotFound,
  kInvalidInput,   // bad user or file input; message names file/line/field
  kCorruption,     // on-disk data failed a check (magic, checksum, bounds)
  kConflict,       // concurrent edit detected (version mismatch), duplicate
  kForbidden,      // caller lacks the role or right
  kUnauthenticated,
  kIoError,
  kResourceExhausted,  // disk full, limits hit (bomb ratio, line length)
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status Forbidden(std::string m) { return {StatusCode::kForbidden, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid_input: file.jsonl:12: ..." — for logs and CLI output.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Result<T> holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace st

// Early-return helpers; keep call sites flat.
#define ST_RETURN_IF_ERROR(expr)           \
  do {                                     \
    ::st::Status st_status_ = (expr);      \
    if (!st_status_.ok()) return st_status_; \
  } while (0)

#define ST_CONCAT_INNER(a, b) a##b
#define ST_CONCAT(a, b) ST_CONCAT_INNER(a, b)
#define ST_ASSIGN_OR_RETURN(lhs, expr)                          \
  auto ST_CONCAT(st_result_, __LINE__) = (expr);                \
  if (!ST_CONCAT(st_result_, __LINE__).ok())                    \
    return ST_CONCAT(st_result_, __LINE__).status();            \
  lhs = std::move(ST_CONCAT(st_result_, __LINE__)).value()
