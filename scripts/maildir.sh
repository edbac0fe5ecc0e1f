# Maildir helpers shared by the demo and the end-to-end tests. Source this file.

# maildir_create ROOT FOLDER...: a Maildir++ root with the folders, as Dovecot lays
# it out (the root is INBOX; folder F is ROOT/.F with a maildirfolder marker).
maildir_create() {
  local root=$1 folder
  shift
  mkdir -p "$root"/{cur,new,tmp}
  for folder in "$@"; do
    mkdir -p "$root/.$folder"/{cur,new,tmp}
    touch "$root/.$folder/maildirfolder"
  done
}

# maildir_deliver FOLDER_DIR FILE...: delivers copies into FOLDER_DIR/new, a minute
# apart in the order given, so the queue's oldest-first order is the files' order.
# The count goes on from call to call, so that no delivery takes an earlier one's name.
MAILDIR_DELIVERED=0
maildir_deliver() {
  local dir=$1 file
  shift
  for file in "$@"; do
    local n=$((MAILDIR_DELIVERED += 1))
    local when=$((1767225600 + n * 60))
    local name=$when.M${n}P$$.queued
    # Written in tmp/ and then renamed, as Maildir has it: a reader watching new/
    # (mailtrail watch) never sees a message half copied.
    cp "$file" "$dir/tmp/$name"
    touch -d "@$when" "$dir/tmp/$name"
    mv "$dir/tmp/$name" "$dir/new/$name"
  done
}

# demo_directory MT: registers the demo salespersons and contacts through MT, a
# function that runs mailtrail with its database.
demo_directory() {
  local mt=$1 adatum fabrikam trey
  $mt salesperson add JO --name "Jim Olivo" --email jim.olivo@cronus.example
  $mt salesperson add AH --name "Annette Hill" --email annette.hill@cronus.example
  $mt salesperson add RL --name "Robin Lee" --email robin.lee@cronus.example
  adatum=$($mt contact add --name "Adatum Corporation" --email info@adatum.example)
  $mt contact add --type person --company "$adatum" --name "Ann Smith" --email ann.smith@adatum.example
  fabrikam=$($mt contact add --name "Fabrikam, Inc." --email sales@fabrikam.example)
  $mt contact add --type person --company "$fabrikam" --name "David Hodgson"  # inherits the company email
  trey=$($mt contact add --name "Trey Research")
  $mt contact alt-address add "$trey" HOME --email trey.home@example.net
}
