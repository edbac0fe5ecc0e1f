// The people of the benchmark: salespersons of the company (cronus.example) and
// contacts at customer companies, generated from a seed. The driver registers them
// in mailtrail's database and hands them to the baseline as JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "random.h"

namespace mailtrail::bench {

struct Salesperson {
  std::string code;  // e.g. "JO07"
  std::string name;  // display name, may hold non-ASCII letters
  std::string email;
};

struct Contact {
  std::string name;
  std::string email;
  // Index into Directory::contacts of the person's company; empty for a company.
  std::optional<std::size_t> company;
};

struct Directory {
  std::vector<Salesperson> salespersons;
  // Companies come before their persons, so registering them in order lets each
  // person name its company's number.
  std::vector<Contact> contacts;
  // Each company's index in `contacts` and the indexes of its persons.
  struct Company {
    std::size_t index;
    std::vector<std::size_t> persons;
  };
  std::vector<Company> companies;
};

struct DirectorySize {
  std::size_t salespersons = 50;
  std::size_t companies = 60;
  std::size_t min_persons_per_company = 3;
  std::size_t max_persons_per_company = 5;
};

Directory MakeDirectory(Random& random, const DirectorySize& size);

// {"salespersons": [{"code", "email"}...], "contacts": [{"index", "email"}...]}:
// what the baseline matches addresses against.
std::string DirectoryJson(const Directory& directory);

}  // namespace mailtrail::bench
