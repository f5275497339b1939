using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Paperboy.Web.Library;

namespace Paperboy.Web.Papers;

/// <summary>A paper's page, <c>/papers/{id}</c>: abstract, facts, related papers, BibTeX and links out.</summary>
[OutputCache(PolicyName = SiteOutputCache.Policy)]
public sealed class PaperPageModel(PaperViews views) : PageModel
{
    public PaperView View { get; private set; } = null!;

    public IActionResult OnGet(string? id)
    {
        // The route is a catch-all so that old arXiv ids keep their slash (hep-th/9901001).
        if (string.IsNullOrEmpty(id) || views.Find(id) is not { } view)
        {
            return NotFound();
        }

        // A versioned id, an arXiv: id or a pasted arxiv.org URL finds the paper; its page has one address.
        if (id != view.Paper.Id)
        {
            return RedirectPermanent(PaperDisplay.Url(view.Paper));
        }

        View = view;
        return Page();
    }
}
