/// The hub `docgen init` writes: a configuration, two roles, three tasks, two tools, two terms and
/// a few pages, all linked, that builds with zero warnings.
enum StarterHub {
    static let files: [(String, String)] = [
        ("docgen.yml", """
        # Site configuration: every key is optional. See the docgen README for the full list.
        title: My community hub
        description: Where contributors find their way in.
        language: en
        # site_url: https://hub.example.org   # makes sitemap.xml and canonical links absolute
        # base_url: /docs/                     # when the site is served from a sub-path
        # repository: https://example.org/my-hub   # adds "Edit this page" links
        glossary:
          autolink: true

        """),
        (".gitignore", "output/\n.docgen-cache/\n"),
        ("README.md", """
        # Writing for this hub

        This hub is built with docgen. Pages are Markdown files in `content/` with front matter
        between `---` lines.

        - `docgen build` builds the site into `output/` (open `output/index.html`).
        - `docgen check` checks every link, anchor and front matter key without writing anything.
        - `docgen new task fix-a-typo --title "Fix a typo"` scaffolds a typed page in the right folder.

        Folders: `content/roles/` (who the hub is for), `content/tasks/` (things people come to do),
        `content/tools/` (the tool catalogue), `content/glossary/` (terms). docgen generates the
        role pages, the task index, the tool catalogue and the glossary from their front matter.

        Link between pages with `[[page-id]]`, `[[task:id]]`, `[[role:id]]`, `[[tool:id]]`,
        `[[term:id]]` or relative links such as `[setup](getting-started.md#first-steps)`.

        """),
        ("content/index.md", """
        ---
        title: Welcome
        description: The front door of the hub.
        ---

        This hub helps people find their way into the project.

        - New here? Read [[getting-started]] or the path for [[role:newcomer]].
        - Looking after the project? See [[role:maintainer]].
        - Want something to do? Browse the [[tasks|task index]].
        - Everything we run is in the [[tools|tool catalogue]]; jargon is in the [[glossary]].

        """),
        ("content/getting-started.md", """
        ---
        title: Getting started
        description: The first hour as a contributor.
        weight: 10
        roles: [newcomer, maintainer]
        tags: [onboarding]
        ---

        ## First steps

        1. Say hello in the chat and tell people what you would like to work on.
        2. Pick a good first task from the [[tasks|task index]], such as [[task:first-contribution]].
        3. Open your first [[term:pull-request]] on the [[tool:forge]].

        ## Getting help

        Nobody expects you to know everything. Ask early; [[task:report-a-problem]] explains how to
        describe what went wrong.

        """),
        ("content/roles/newcomer.md", """
        ---
        title: Newcomer
        description: People making their first contribution.
        weight: 10
        start: [getting-started, tasks/first-contribution]
        ---

        You are new to the project and want a friendly way in. Start with the reading path below.

        """),
        ("content/roles/maintainer.md", """
        ---
        title: Maintainer
        description: People who review changes and keep the project healthy.
        weight: 20
        start: [getting-started, tasks/review-a-change]
        ---

        You review contributions, answer questions and keep the tools running.

        """),
        ("content/tasks/first-contribution.md", """
        ---
        title: Make your first contribution
        description: Change something small and get it merged.
        difficulty: easy
        time: 1 hour
        roles: [newcomer]
        tools: [forge]
        tags: [onboarding]
        ---

        ## Steps

        1. Find a typo or an unclear sentence in the documentation.
        2. Fix it on the [[tool:forge]] and open a [[term:pull-request]].
        3. Answer the reviewer's questions.

        ## Done when

        - [ ] Your change is merged.

        """),
        ("content/tasks/report-a-problem.md", """
        ---
        title: Report a problem
        description: Describe a bug so that someone can fix it.
        difficulty: easy
        time: 20 minutes
        roles: [newcomer]
        tags: [bugs]
        ---

        ## Steps

        1. Search for an existing report first.
        2. Write what you did, what you expected and what happened instead.
        3. Add the version and, if you can, the smallest example that shows the problem.

        """),
        ("content/tasks/review-a-change.md", """
        ---
        title: Review a change
        description: Read someone's pull request and help it land.
        difficulty: medium
        time: 45 minutes
        roles: [maintainer]
        prerequisites: [first-contribution]
        tools: [forge]
        ---

        ## Steps

        1. Read the description and run the change locally.
        2. Leave specific, kind comments; say what is good as well.
        3. Approve when it is ready, and [[term:triage]] what is left as follow-up work.

        """),
        ("content/tools/forge.md", """
        ---
        title: Forge
        description: Where the code lives and pull requests are reviewed.
        status: active
        maintainers: [Infrastructure team]
        languages: [Go]
        license: MIT
        repository: https://example.org/forge
        roles: [newcomer, maintainer]
        tasks: [first-contribution, review-a-change]
        ---

        The forge hosts every repository of the project.

        """),
        ("content/tools/chat-bot.md", """
        ---
        title: Chat bot
        description: Answers common questions in the chat.
        status: experimental
        maintainers: [Volunteers]
        languages: [Python]
        license: Apache-2.0
        repository: https://example.org/chat-bot
        roles: [maintainer]
        ---

        Ask it `!help` in the chat.

        """),
        ("content/glossary/pull-request.md", """
        ---
        title: Pull request
        short: A proposed change that others review before it is merged.
        synonyms: [PR, merge request]
        ---

        A pull request collects the commits of one change with a description and a discussion.

        """),
        ("content/glossary/triage.md", """
        ---
        title: Triage
        short: Sorting incoming reports by urgency and assigning them.
        ---

        Triage keeps the list of open reports useful: duplicates are closed and the rest labelled.

        """),
    ].map { ($0.0, $0.1) }
}
